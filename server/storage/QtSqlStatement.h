#pragma once

#include "server/storage/Statement.h"

#include <QSqlQuery>

// A Statement run by QtSql: PostgreSQL's, and one that could not be prepared, whose exec() then
// fails with the error of preparing it (QSqlQuery would forget it and say "No query").
class QtSqlStatement final : public Statement
{
public:
    explicit QtSqlStatement(QSqlQuery query, QSqlError preparing = {})
        : m_query(std::move(query)),
          m_preparing(std::move(preparing))
    {}

    void addBindValue(const QVariant &value) override { m_query.addBindValue(value); }
    void bindValue(int position, const QVariant &value) override { m_query.bindValue(position, value); }
    void bindValue(const QString &placeholder, const QVariant &value) override
    {
        m_query.bindValue(placeholder, value);
    }
    bool exec() override { return !m_preparing.isValid() && m_query.exec(); }
    bool next() override { return m_query.next(); }
    QVariant value(int column) const override { return m_query.value(column); }
    int numRowsAffected() const override { return m_query.numRowsAffected(); }
    QSqlError lastError() const override { return m_preparing.isValid() ? m_preparing : m_query.lastError(); }
    void finish() override { m_query.finish(); }

private:
    QSqlQuery m_query;
    QSqlError m_preparing;
};
