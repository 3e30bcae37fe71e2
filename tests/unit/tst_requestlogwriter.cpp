// RequestLogWriter: the lines of one turn of the event loop go out together once it ends, in
// order and whole; nothing kept is lost when the writer goes, and a very busy turn does not make
// it hold more than its limit.
#include "server/runtime/RequestLogWriter.h"

#include <QTest>

#include <cstdio>
#include <memory>

namespace {

struct FileCloser
{
    void operator()(std::FILE *file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

QByteArray contents(std::FILE *file)
{
    std::fflush(file);
    std::rewind(file);
    QByteArray bytes;
    char chunk[4096];
    for (size_t read; (read = std::fread(chunk, 1, sizeof chunk, file)) > 0;)
        bytes.append(chunk, qsizetype(read));
    std::fseek(file, 0, SEEK_END);
    return bytes;
}

} // namespace

class TestRequestLogWriter : public QObject
{
    Q_OBJECT
private slots:
    void theLinesOfATurnAreWrittenTogetherWhenItEnds()
    {
        const File file(std::tmpfile());
        QVERIFY(file);
        RequestLogWriter writer(file.get());
        writer.append(QStringLiteral("GET /healthz 200 key=- replayed=false us=12 client=127.0.0.1 user=-"));
        writer.append(QStringLiteral("POST /v1/transfers 201 key=1a2b3c4d replayed=true us=40 client=::1 user=1"));
        QCOMPARE(contents(file.get()), QByteArray());
        QTRY_COMPARE(contents(file.get()),
                     QByteArray("GET /healthz 200 key=- replayed=false us=12 client=127.0.0.1 user=-\n"
                                "POST /v1/transfers 201 key=1a2b3c4d replayed=true us=40 client=::1 user=1\n"));
        // The next turn's lines follow, and only once that turn ends too.
        writer.append(QStringLiteral("RUN /v1/scheduled-transfers/s1 201"));
        QVERIFY(!contents(file.get()).endsWith("s1 201\n"));
        QTRY_VERIFY(contents(file.get()).endsWith("user=1\nRUN /v1/scheduled-transfers/s1 201\n"));
    }

    void textIsWrittenAsUtf8()
    {
        const File file(std::tmpfile());
        QVERIFY(file);
        RequestLogWriter writer(file.get());
        writer.append(QStringLiteral("bank-server: m\u00e9mo \u20ac"));
        writer.flush();
        QCOMPARE(contents(file.get()), QByteArray("bank-server: m\xc3\xa9mo \xe2\x82\xac\n"));
    }

    void whatIsKeptIsWrittenWhenTheWriterGoes()
    {
        const File file(std::tmpfile());
        QVERIFY(file);
        {
            RequestLogWriter writer(file.get());
            writer.append(QStringLiteral("last line"));
            QCOMPARE(contents(file.get()), QByteArray());
        }
        QCOMPARE(contents(file.get()), QByteArray("last line\n"));
    }

    void aBusyTurnIsWrittenBeforeItGrowsPast64KiB()
    {
        const File file(std::tmpfile());
        QVERIFY(file);
        RequestLogWriter writer(file.get());
        const QString line(99, u'x'); // 100 bytes with its line break
        for (int i = 0; i < 700; ++i)
            writer.append(line);
        // The 656th line reaches 64 KiB: 656 lines go at once; the other 44 wait for the end of the turn.
        QCOMPARE(contents(file.get()).size(), 65'600);
        QTRY_COMPARE(contents(file.get()).size(), 70'000);
        QCOMPARE(contents(file.get()), QByteArray(QByteArray(99, 'x') + '\n').repeated(700));
    }
};

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "tst_requestlogwriter.moc"
