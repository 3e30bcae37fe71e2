#pragma once

#include <QSqlError>
#include <QString>
#include <QVariant>

// A prepared statement of one connection, as the request paths use it: bind, exec, read the rows,
// finish. The subset of QSqlQuery they need, with its meaning (values bound by position from 0 or
// by `:name`; exec() runs the statement up to its first row; value() of the current row), so that
// a SQLite connection can run its statements straight through SQLite (SqliteStatement) and any
// other through QtSql (QtSqlStatement).
class Statement
{
    Q_DISABLE_COPY_MOVE(Statement)
public:
    Statement() = default;
    virtual ~Statement() = default;

    virtual void addBindValue(const QVariant &value) = 0;
    virtual void bindValue(int position, const QVariant &value) = 0;
    virtual void bindValue(const QString &placeholder, const QVariant &value) = 0;
    virtual bool exec() = 0;
    virtual bool next() = 0;
    virtual QVariant value(int column) const = 0;
    virtual int numRowsAffected() const = 0;
    virtual QSqlError lastError() const = 0;
    // Ends the read, so no read transaction stays open behind the statement; the bound values stay.
    virtual void finish() = 0;
};
