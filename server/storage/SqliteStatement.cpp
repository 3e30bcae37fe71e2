#include "server/storage/SqliteStatement.h"

#include <QByteArray>
#include <QMetaType>

#include <sqlite3.h>

namespace {

constexpr int kMaxParameters = 64; // one bit each in m_bound

// QtSql's null: no value, or a null string or byte array.
bool isNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

int bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    return sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * sizeof(QChar)), SQLITE_TRANSIENT);
}

} // namespace

std::unique_ptr<SqliteStatement> SqliteStatement::prepare(sqlite3 *connection, const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    const char *rest = nullptr;
    if (sqlite3_prepare_v3(connection, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &statement, &rest)
            != SQLITE_OK
        || !statement || !QByteArrayView(rest, utf8.constData() + utf8.size() - rest).trimmed().isEmpty()
        || sqlite3_bind_parameter_count(statement) > kMaxParameters) {
        sqlite3_finalize(statement);
        return nullptr;
    }
    return std::unique_ptr<SqliteStatement>(new SqliteStatement(statement));
}

SqliteStatement::SqliteStatement(sqlite3_stmt *statement)
    : m_statement(statement),
      m_parameters(sqlite3_bind_parameter_count(statement))
{}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

void SqliteStatement::addBindValue(const QVariant &value) { bind(++m_nextPosition, value); }

void SqliteStatement::bindValue(int position, const QVariant &value) { bind(position + 1, value); }

void SqliteStatement::bindValue(const QString &placeholder, const QVariant &value)
{
    bind(sqlite3_bind_parameter_index(m_statement, placeholder.toUtf8().constData()), value);
}

void SqliteStatement::bind(int index, const QVariant &value)
{
    if (index < 1 || index > m_parameters)
        return; // no such parameter: nothing to bind (and one never bound fails exec())
    if (m_started)
        finish(); // values cannot be bound to a statement in progress
    int result = SQLITE_OK;
    if (isNull(value)) {
        result = sqlite3_bind_null(m_statement, index);
    } else {
        // As QSQLITE binds them.
        switch (value.typeId()) {
        case QMetaType::QByteArray: {
            const auto *bytes = static_cast<const QByteArray *>(value.constData());
            result = sqlite3_bind_blob(m_statement, index, bytes->constData(), int(bytes->size()), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::Int:
        case QMetaType::Bool:
            result = sqlite3_bind_int(m_statement, index, value.toInt());
            break;
        case QMetaType::Double:
            result = sqlite3_bind_double(m_statement, index, value.toDouble());
            break;
        case QMetaType::UInt:
        case QMetaType::LongLong:
            result = sqlite3_bind_int64(m_statement, index, value.toLongLong());
            break;
        case QMetaType::QString:
            result = bindText(m_statement, index, *static_cast<const QString *>(value.constData()));
            break;
        default:
            result = bindText(m_statement, index, value.toString());
            break;
        }
    }
    if (result == SQLITE_OK)
        m_bound |= std::uint64_t(1) << (index - 1);
}

bool SqliteStatement::exec()
{
    m_error = QSqlError();
    m_nextPosition = 0;
    finish();
    // QtSql refuses a statement with a parameter never bound, rather than run it with NULL there.
    if (m_parameters > 0 && m_bound != (std::uint64_t(-1) >> (kMaxParameters - m_parameters))) {
        m_error = QSqlError(QStringLiteral("Parameter count mismatch"), QString(), QSqlError::StatementError);
        return false;
    }
    if (!step())
        return false;
    m_rowPending = m_onRow;
    m_onRow = false;
    return true;
}

bool SqliteStatement::next()
{
    if (m_rowPending) {
        m_rowPending = false;
        m_onRow = true;
        return true;
    }
    return m_onRow && step() && m_onRow;
}

bool SqliteStatement::step()
{
    m_started = true;
    const int result = sqlite3_step(m_statement);
    m_onRow = result == SQLITE_ROW;
    if (result == SQLITE_ROW || result == SQLITE_DONE)
        return true;
    fail(QStringLiteral("Unable to fetch row"), result);
    return false;
}

void SqliteStatement::fail(const QString &driverText, int resultCode)
{
    sqlite3 *connection = sqlite3_db_handle(m_statement);
    // The extended code where there is one (SQLITE_IOERR_FSYNC, not only SQLITE_IOERR).
    const int code = (sqlite3_extended_errcode(connection) & 0xff) == resultCode ? sqlite3_extended_errcode(connection)
                                                                                 : resultCode;
    m_error = QSqlError(driverText, QString::fromUtf16(static_cast<const char16_t *>(sqlite3_errmsg16(connection))),
                        QSqlError::StatementError, QString::number(code));
    finish();
}

QVariant SqliteStatement::value(int column) const
{
    if (!m_onRow || column < 0 || column >= sqlite3_column_count(m_statement))
        return QVariant();
    // As QSQLITE reads them.
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, column)),
                          sqlite3_column_bytes(m_statement, column));
    default: {
        // The text first, then its length: asking for the text converts it to UTF-16.
        const auto *text = static_cast<const QChar *>(sqlite3_column_text16(m_statement, column));
        return QString(text, sqlite3_column_bytes16(m_statement, column) / qsizetype(sizeof(QChar)));
    }
    }
}

int SqliteStatement::numRowsAffected() const { return sqlite3_changes(sqlite3_db_handle(m_statement)); }

void SqliteStatement::finish()
{
    if (m_started)
        sqlite3_reset(m_statement);
    m_started = false;
    m_rowPending = false;
    m_onRow = false;
}
