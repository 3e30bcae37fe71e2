<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountDirectory</name>
    <message>
        <source>%1 from %2 to %3</source>
        <translation>%1 von %2 an %3</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>%1, account %2</source>
        <translation>%1, Konto %2</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Kontostand</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <source>Your accounts</source>
        <translation>Ihre Konten</translation>
    </message>
    <message>
        <source>Your accounts and their balances; press F5 to refresh</source>
        <translation>Ihre Konten und ihre Kontostände; F5 lädt sie neu</translation>
    </message>
    <message>
        <source>Accounts (not signed in)</source>
        <translation>Konten (nicht angemeldet)</translation>
    </message>
    <message>
        <source>Accounts of %1</source>
        <translation>Konten von %1</translation>
    </message>
</context>
<context>
    <name>AppOptions</name>
    <message>
        <source>The exactly-once bank: a desktop client with the bank server built in.</source>
        <translation>Die Exactly-Once-Bank: ein Desktop-Client mit eingebautem Bankserver.</translation>
    </message>
    <message>
        <source>Use the remote server at URL instead of the integrated one: https://HOST[:PORT], or http:// for this computer only (127.0.0.1, ::1, localhost).</source>
        <translation>Den entfernten Server unter URL statt des integrierten nutzen: https://HOST[:PORT], oder http:// nur für diesen Computer (127.0.0.1, ::1, localhost).</translation>
    </message>
    <message>
        <source>Let --server be http:// to another computer: the password, the session and every transfer cross the network unencrypted. The window warns while connected.</source>
        <translation>--server darf http:// zu einem anderen Computer sein: Passwort, Sitzung und jede Überweisung gehen unverschlüsselt über das Netz. Das Fenster warnt, solange die Verbindung besteht.</translation>
    </message>
    <message>
        <source>Integrated server: SQLite database file (default: bank.db in the app&apos;s data folder). Its folder becomes the data folder.</source>
        <translation>Integrierter Server: SQLite-Datenbankdatei (Vorgabe: bank.db im Datenordner der App). Ihr Ordner wird zum Datenordner.</translation>
    </message>
    <message>
        <source>Integrated server: port on 127.0.0.1 (default 0, a free port).</source>
        <translation>Integrierter Server: Port auf 127.0.0.1 (Vorgabe 0, ein freier Port).</translation>
    </message>
    <message>
        <source>Integrated server: give every demo user this password (a classroom), also in an existing database. Default: random ones made with the database, shown in the sign-in dialog.</source>
        <translation>Integrierter Server: allen Demo-Benutzern dieses Passwort geben (ein Klassenzimmer), auch in einer bestehenden Datenbank. Vorgabe: zufällige, mit der Datenbank erzeugt und im Anmeldedialog angezeigt.</translation>
    </message>
    <message>
        <source>Print the time from process start to an interactive window, then quit.</source>
        <translation>Die Zeit vom Prozessstart bis zum bedienbaren Fenster ausgeben, dann beenden.</translation>
    </message>
    <message>
        <source>Show the window in this language instead of the system&apos;s: %1.</source>
        <translation>Das Fenster in dieser Sprache statt in der des Systems zeigen: %1.</translation>
    </message>
    <message>
        <source>unexpected argument %1</source>
        <translation>unerwartetes Argument %1</translation>
    </message>
    <message>
        <source>--server: expected http://HOST:PORT or https://HOST, got %1</source>
        <translation>--server: http://HOST:PORT oder https://HOST erwartet, %1 erhalten</translation>
    </message>
    <message>
        <source>--server: %1 (--allow-insecure-http)</source>
        <translation>--server: %1 (--allow-insecure-http)</translation>
    </message>
    <message>
        <source>--allow-insecure-http: only with --server</source>
        <translation>--allow-insecure-http: nur mit --server</translation>
    </message>
    <message>
        <source>--db: expected a file name</source>
        <translation>--db: Dateiname erwartet</translation>
    </message>
    <message>
        <source>--port: expected 0 to 65535, got %1</source>
        <translation>--port: 0 bis 65535 erwartet, %1 erhalten</translation>
    </message>
    <message>
        <source>--demo-password: expected 1 to 1024 characters</source>
        <translation>--demo-password: 1 bis 1024 Zeichen erwartet</translation>
    </message>
    <message>
        <source>--lang: expected en or one of %1, got %2</source>
        <translation>--lang: en oder eine von %1 erwartet, %2 erhalten</translation>
    </message>
    <message>
        <source>Make every random choice of the app repeat from run to run: the waits before automatic retries and the simulated network&apos;s random failures come from this seed (0 to 4294967295). Secrets and passwords stay random.</source>
        <translation>Jede Zufallsentscheidung der App wiederholt sich von Lauf zu Lauf: die Wartezeiten vor automatischen Wiederholungen und die zufälligen Fehler des simulierten Netzes kommen aus diesem Startwert (0 bis 4294967295). Geheimnisse und Passwörter bleiben zufällig.</translation>
    </message>
    <message>
        <source>--retry-seed: expected 0 to 4294967295, got %1</source>
        <translation>--retry-seed: 0 bis 4294967295 erwartet, %1 erhalten</translation>
    </message>
</context>
<context>
    <name>AttemptTimeline</name>
    <message>
        <source>waiting…</source>
        <translation>wartet…</translation>
    </message>
    <message>
        <source>201 created</source>
        <translation>201 angelegt</translation>
    </message>
    <message>
        <source>201 replayed</source>
        <translation>201 wiederholt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>request lost</source>
        <translation>Anfrage verloren</translation>
    </message>
    <message>
        <source>cut while processing</source>
        <translation>während der Bearbeitung getrennt</translation>
    </message>
    <message>
        <source>response lost</source>
        <translation>Antwort verloren</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>never arrived</source>
        <translation>nie angekommen</translation>
    </message>
    <message>
        <source>processing…</source>
        <translation>in Bearbeitung…</translation>
    </message>
    <message>
        <source>created 201</source>
        <translation>angelegt 201</translation>
    </message>
    <message>
        <source>replayed — no-op</source>
        <translation>wiederholt — ohne Wirkung</translation>
    </message>
    <message>
        <source>in progress 409</source>
        <translation>in Bearbeitung 409</translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>abgelehnt %1</translation>
    </message>
    <message>
        <source>rejected %1 %2</source>
        <translation>abgelehnt %1 %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>unknown: an answer was lost and nothing saw the bank; “Check status” asks it</source>
        <translation>unbekannt: eine Antwort ging verloren, und nichts hat die Bank gesehen; „Status prüfen“ fragt sie</translation>
    </message>
    <message>
        <source>not debited</source>
        <translation>nicht abgebucht</translation>
    </message>
    <message>
        <source>debited once</source>
        <translation>einmal abgebucht</translation>
    </message>
    <message>
        <source>debited twice</source>
        <translation>zweimal abgebucht</translation>
    </message>
    <message>
        <source>debited %1 times</source>
        <translation>%1-mal abgebucht</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>%1 bis jetzt</translation>
    </message>
    <message>
        <source>Transfer: %1</source>
        <translation>Überweisung: %1</translation>
    </message>
    <message>
        <source>Key: none (unsafe demonstration: sent without an idempotency key)</source>
        <translation>Schlüssel: keiner (unsichere Vorführung: ohne Idempotenzschlüssel gesendet)</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Ledger effect: %1</source>
        <translation>Wirkung auf das Konto: %1</translation>
    </message>
    <message>
        <source>%1 %2 (%3 × %4), expected %5</source>
        <translation>%1 %2 (%3 × %4), erwartet %5</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>balance %1 → %2</source>
        <translation>Kontostand %1 → %2</translation>
    </message>
    <message>
        <source>Attempt %1 at %2: client %3; network %4; server %5; %6</source>
        <translation>Versuch %1 um %2: Client %3; Netz %4; Server %5; %6</translation>
    </message>
    <message>
        <source>leaving the client</source>
        <translation>verlässt den Client</translation>
    </message>
    <message>
        <source>in the network</source>
        <translation>im Netz</translation>
    </message>
    <message>
        <source>at the bank</source>
        <translation>bei der Bank</translation>
    </message>
    <message>
        <source>bank committed</source>
        <translation>Bank hat gebucht</translation>
    </message>
    <message>
        <source>answer on the way</source>
        <translation>Antwort unterwegs</translation>
    </message>
    <message>
        <source>answer at the client</source>
        <translation>Antwort beim Client</translation>
    </message>
    <message>
        <source>held: %1</source>
        <translation>angehalten: %1</translation>
    </message>
    <message>
        <source>bank working %1 s</source>
        <translation>Bank arbeitet %1 s</translation>
    </message>
    <message>
        <source>201 %1, answer lost</source>
        <translation>201 %1, Antwort verloren</translation>
    </message>
    <message>
        <source>sent by an earlier run; the bank&apos;s answers above say what became of it</source>
        <translation>von einem früheren Lauf gesendet; die Antworten der Bank oben sagen, was daraus wurde</translation>
    </message>
    <message>
        <source>no schedule made</source>
        <translation>keine geplante Überweisung angelegt</translation>
    </message>
    <message>
        <source>one schedule made</source>
        <translation>eine geplante Überweisung angelegt</translation>
    </message>
    <message>
        <source>%1 schedules made</source>
        <translation>%1 geplante Überweisungen angelegt</translation>
    </message>
    <message>
        <source>Effect at the bank: %1</source>
        <translation>Wirkung bei der Bank: %1</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>Geplante Überweisung: %1</translation>
    </message>
</context>
<context>
    <name>AttemptTimelineView</name>
    <message>
        <source>Attempt timeline</source>
        <translation>Zeitleiste der Versuche</translation>
    </message>
    <message>
        <source>Each attempt of the latest transfer: what the client sent and saw, what the network did to it, and what the bank did; below, how often the money moved</source>
        <translation>Jeder Versuch der letzten Überweisung: was der Client gesendet und gesehen hat, was das Netz damit gemacht hat und was die Bank getan hat; darunter, wie oft das Geld bewegt wurde</translation>
    </message>
    <message>
        <source>No transfer yet. Send one: each attempt appears here, with what the network and the bank did to it.</source>
        <translation>Noch keine Überweisung. Senden Sie eine: Jeder Versuch erscheint hier, mit dem, was Netz und Bank damit gemacht haben.</translation>
    </message>
    <message>
        <source>NO idempotency key: demonstration of the bug, every request that arrives moves money</source>
        <translation>KEIN Idempotenzschlüssel: Vorführung des Fehlers, jede ankommende Anfrage bewegt Geld</translation>
    </message>
    <message>
        <source>Idempotency key %1, carried by every attempt</source>
        <translation>Idempotenzschlüssel %1, von jedem Versuch mitgeschickt</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Ledger effect: nothing sent yet</source>
        <translation>Wirkung auf das Konto: noch nichts gesendet</translation>
    </message>
    <message>
        <source>%1 · %2 ms</source>
        <translation>%1 · %2 ms</translation>
    </message>
    <message>
        <source>key received</source>
        <translation>Schlüssel erhalten</translation>
    </message>
    <message>
        <source>status checked</source>
        <translation>Status abgefragt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>POST /v1/demo/unsafe-transfers, no key</source>
        <translation>POST /v1/demo/unsafe-transfers, ohne Schlüssel</translation>
    </message>
    <message>
        <source>POST /v1/scheduled-transfers, key %1</source>
        <translation>POST /v1/scheduled-transfers, Schlüssel %1</translation>
    </message>
    <message>
        <source>POST /v1/transfers, key %1</source>
        <translation>POST /v1/transfers, Schlüssel %1</translation>
    </message>
</context>
<context>
    <name>BankBackend</name>
    <message>
        <source>cannot create the folder for %1</source>
        <translation>Der Ordner für %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>the integrated server is not running</source>
        <translation>der integrierte Server läuft nicht</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Could not connect to the bank: %1</source>
        <translation>Keine Verbindung zur Bank: %1</translation>
    </message>
    <message>
        <source>cannot create the data folder %1</source>
        <translation>der Datenordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source> (process %1)</source>
        <translation> (Prozess %1)</translation>
    </message>
    <message>
        <source>Exactly-Once Bank is already open on the data folder %1%2. Close it first, or start this one with --db FILE in another folder.</source>
        <translation>Exactly-Once Bank ist bereits mit dem Datenordner %1%2 geöffnet. Schließen Sie sie zuerst, oder starten Sie diese mit --db DATEI in einem anderen Ordner.</translation>
    </message>
    <message>
        <source>simulated failures and the unsafe demonstration need the integrated server</source>
        <translation>simulierte Störungen und die unsichere Vorführung brauchen den integrierten Server</translation>
    </message>
    <message>
        <source>a transfer is on its way; change the simulation when it is done</source>
        <translation>eine Überweisung ist unterwegs; ändern Sie die Simulation, wenn sie fertig ist</translation>
    </message>
    <message>
        <source>sign in first</source>
        <translation>melden Sie sich zuerst an</translation>
    </message>
    <message>
        <source>the demo transfer needs an account and a payee in the same currency</source>
        <translation>die Demo-Überweisung braucht ein Konto und einen Empfänger in derselben Währung</translation>
    </message>
    <message>
        <source>a transfer is on its way; run the scenario when it is done</source>
        <translation>eine Überweisung ist unterwegs; starten Sie das Szenario, wenn sie fertig ist</translation>
    </message>
    <message>
        <source>the client crashed; restart it first</source>
        <translation>der Client ist abgestürzt; starten Sie ihn zuerst neu</translation>
    </message>
    <message>
        <source>the comparison is still running</source>
        <translation>der Vergleich läuft noch</translation>
    </message>
    <message>
        <source>run the scenarios first: a lesson is the scenarios run since the app started or a lesson was opened</source>
        <translation>führen Sie zuerst die Szenarien aus: eine Lektion sind die Szenarien seit dem Start der App oder dem Öffnen einer Lektion</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1; %2 {1:?}</translation>
    </message>
    <message>
        <source>the lesson is over: open it again to start afresh</source>
        <translation>die Lektion ist zu Ende: öffnen Sie sie erneut, um von vorn zu beginnen</translation>
    </message>
    <message>
        <source>open a lesson first (File › Open lesson…)</source>
        <translation>öffnen Sie zuerst eine Lektion (Datei › Lektion öffnen…)</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>No transfers yet.</source>
        <translation>Noch keine Überweisungen.</translation>
    </message>
    <message>
        <source>1 transfer</source>
        <translation>1 Überweisung</translation>
    </message>
    <message>
        <source>%1 transfers</source>
        <translation>%1 Überweisungen</translation>
    </message>
    <message>
        <source>Transfer history</source>
        <translation>Überweisungsverlauf</translation>
    </message>
    <message>
        <source>Transfers touching your accounts, newest first. Click a column header to sort; older transfers load as you scroll.</source>
        <translation>Überweisungen, die Ihre Konten betreffen, neueste zuerst. Ein Klick auf einen Spaltenkopf sortiert; ältere Überweisungen werden beim Blättern geladen.</translation>
    </message>
    <message>
        <source>Load &amp;previous page</source>
        <translation>F&amp;rühere Seite laden</translation>
    </message>
    <message>
        <source>Load older transfers</source>
        <translation>Ältere Überweisungen laden</translation>
    </message>
    <message>
        <source>Fetch the next page of older transfers</source>
        <translation>Die nächste Seite älterer Überweisungen holen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>InvariantsView</name>
    <message>
        <source>Invariants, checked against the bank</source>
        <translation>Invarianten, bei der Bank geprüft</translation>
    </message>
    <message>
        <source>Invariants</source>
        <translation>Invarianten</translation>
    </message>
    <message>
        <source>After every attempt the app asks the bank: its transfers over the API as the signed-in user, and the sum of all balances from the integrated server</source>
        <translation>Nach jedem Versuch fragt die App die Bank: ihre Überweisungen über die API als angemeldeter Benutzer und die Summe aller Kontostände vom integrierten Server</translation>
    </message>
    <message>
        <source>Checked after every attempt of the next transfer.</source>
        <translation>Geprüft nach jedem Versuch der nächsten Überweisung.</translation>
    </message>
</context>
<context>
    <name>KeyedTransferMode</name>
    <message>
        <source>Sending %1…</source>
        <translation>%1 wird gesendet…</translation>
    </message>
    <message>
        <source>Retrying with the same key (attempt %1 of %2)…</source>
        <translation>Wiederholung mit dem gleichen Schlüssel (Versuch %1 von %2)…</translation>
    </message>
    <message>
        <source>The bank is still working on an earlier attempt. Asking again with the same key in %1 s.</source>
        <translation>Die Bank arbeitet noch an einem früheren Versuch. In %1 s wird mit dem gleichen Schlüssel erneut gefragt.</translation>
    </message>
    <message>
        <source>The bank is briefly unavailable. Trying again with the same key in %1 s.</source>
        <translation>Die Bank ist kurz nicht verfügbar. In %1 s wird es mit dem gleichen Schlüssel erneut versucht.</translation>
    </message>
    <message>
        <source>No answer came back. Retrying with the same key in %1 s; that is safe: the bank moves the money at most once.</source>
        <translation>Keine Antwort erhalten. Wiederholung mit dem gleichen Schlüssel in %1 s; das ist sicher: Die Bank bewegt das Geld höchstens einmal.</translation>
    </message>
    <message>
        <source>Sent %1. An earlier attempt got no answer; the retry with the same key is the one the bank carried out, once.</source>
        <translation>%1 gesendet. Ein früherer Versuch bekam keine Antwort; die Wiederholung mit dem gleichen Schlüssel ist die, die die Bank ausgeführt hat, einmal.</translation>
    </message>
    <message>
        <source>Sent %1.</source>
        <translation>%1 gesendet.</translation>
    </message>
    <message>
        <source>Sent %1. An earlier attempt went through but its answer was lost; the retry with the same key got the bank&apos;s stored answer, so the money moved once.</source>
        <translation>%1 gesendet. Ein früherer Versuch ging durch, aber seine Antwort ging verloren; die Wiederholung mit dem gleichen Schlüssel bekam die gespeicherte Antwort der Bank, also wurde das Geld einmal bewegt.</translation>
    </message>
    <message>
        <source>Already done: the bank had completed %1 with this key and answered with the stored result. No money moved again.</source>
        <translation>Schon erledigt: Die Bank hatte %1 mit diesem Schlüssel ausgeführt und mit dem gespeicherten Ergebnis geantwortet. Es wurde kein Geld erneut bewegt.</translation>
    </message>
    <message>
        <source>“Check status” asks the bank whether it happened.</source>
        <translation>„Status prüfen“ fragt die Bank, ob sie geschehen ist.</translation>
    </message>
</context>
<context>
    <name>KeysModel</name>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>Läuft ab am %1</translation>
    </message>
    <message>
        <source>Obtained at %1</source>
        <translation>Erhalten am %1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Läuft ab in</translation>
    </message>
    <message>
        <source>Replays</source>
        <translation>Wiederholungen</translation>
    </message>
</context>
<context>
    <name>KeysView</name>
    <message>
        <source>Each transfer gets its own key from the bank. A key makes retries safe: the bank moves the money at most once per key.</source>
        <translation>Jede Überweisung bekommt ihren eigenen Schlüssel von der Bank. Ein Schlüssel macht Wiederholungen sicher: Die Bank bewegt das Geld pro Schlüssel höchstens einmal.</translation>
    </message>
    <message>
        <source>Idempotency keys of this session</source>
        <translation>Idempotenzschlüssel dieser Sitzung</translation>
    </message>
    <message>
        <source>The keys obtained since you signed in, their state and the time left until they expire</source>
        <translation>Die seit der Anmeldung erhaltenen Schlüssel, ihr Zustand und die Zeit bis zu ihrem Ablauf</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>kein JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>not a lesson: expected a JSON object</source>
        <translation>keine Lektion: ein JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>unknown member “%1”; a lesson has %2</source>
        <translation>unbekanntes Element „%1“; eine Lektion hat %2</translation>
    </message>
    <message>
        <source>not a lesson: “format” must be “%1”</source>
        <translation>keine Lektion: „format“ muss „%1“ sein</translation>
    </message>
    <message>
        <source>“version” is missing or not a number: this app reads lessons of version %1</source>
        <translation>„version“ fehlt oder ist keine Zahl: diese App liest Lektionen der Version %1</translation>
    </message>
    <message>
        <source>version %1 is not supported: this app reads lessons of version %2</source>
        <translation>Version %1 wird nicht unterstützt: diese App liest Lektionen der Version %2</translation>
    </message>
    <message>
        <source>“seed” must be a whole number from 0 to 4294967295</source>
        <translation>„seed“ muss eine ganze Zahl von 0 bis 4294967295 sein</translation>
    </message>
    <message>
        <source>“scenarios” must be a list of at least one scenario</source>
        <translation>„scenarios“ muss eine Liste mit mindestens einem Szenario sein</translation>
    </message>
    <message>
        <source>scenario %1 is not a preset: “%2”; the presets are %3</source>
        <translation>Szenario %1 ist keine Vorgabe: „%2“; die Vorgaben sind %3</translation>
    </message>
    <message>
        <source>Lesson: all %1 scenarios ran.</source>
        <translation>Lektion: alle %1 Szenarien sind gelaufen.</translation>
    </message>
    <message>
        <source>Lesson: next is scenario %1 of %2, “%3”.</source>
        <translation>Lektion: als Nächstes Szenario %1 von %2, „%3“.</translation>
    </message>
</context>
<context>
    <name>LiveInvariants</name>
    <message>
        <source>Total money in the bank unchanged</source>
        <translation>Gesamtgeld der Bank unverändert</translation>
    </message>
    <message>
        <source>No key with more than one transfer</source>
        <translation>Kein Schlüssel mit mehr als einer Überweisung</translation>
    </message>
    <message>
        <source>Every replay identical to the first answer</source>
        <translation>Jede Wiederholung gleich der ersten Antwort</translation>
    </message>
    <message>
        <source>One transfer per intent</source>
        <translation>Eine Überweisung pro Absicht</translation>
    </message>
    <message>
        <source>✓ %1: holds — %2</source>
        <translation>✓ %1: gilt — %2</translation>
    </message>
    <message>
        <source>✗ %1: BROKEN — %2</source>
        <translation>✗ %1: VERLETZT — %2</translation>
    </message>
    <message>
        <source>– %1: not checked — %2</source>
        <translation>– %1: nicht geprüft — %2</translation>
    </message>
    <message>
        <source>the sum of all balances needs the integrated server</source>
        <translation>die Summe aller Kontostände braucht den integrierten Server</translation>
    </message>
    <message>
        <source>the bank did not list the transfers</source>
        <translation>die Bank hat die Überweisungen nicht aufgelistet</translation>
    </message>
    <message>
        <source>%1 has %2</source>
        <translation>%1 hat %2</translation>
    </message>
    <message>
        <source>no key, so nothing is replayed</source>
        <translation>kein Schlüssel, also wird nichts wiederholt</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>differs from the first answer: %1</source>
        <translation>weicht von der ersten Antwort ab: %1</translation>
    </message>
    <message>
        <source>the first answer did not pass the simulated network</source>
        <translation>die erste Antwort lief nicht durch das simulierte Netz</translation>
    </message>
    <message>
        <source>no replay so far</source>
        <translation>bisher keine Wiederholung</translation>
    </message>
    <message>
        <source>1 replay, byte for byte the answer of attempt %1</source>
        <translation>1 Wiederholung, Byte für Byte die Antwort von Versuch %1</translation>
    </message>
    <message>
        <source>%1 replays, byte for byte the answer of attempt %2</source>
        <translation>%1 Wiederholungen, Byte für Byte die Antwort von Versuch %2</translation>
    </message>
    <message>
        <source>no transfer so far</source>
        <translation>bisher keine Überweisung</translation>
    </message>
    <message>
        <source>one transfer: %1</source>
        <translation>eine Überweisung: %1</translation>
    </message>
    <message>
        <source>%1 transfers for one intent: %2</source>
        <translation>%1 Überweisungen für eine Absicht: %2</translation>
    </message>
    <message>
        <source>checked your latest %1 transfers</source>
        <translation>Ihre letzten %1 Überweisungen geprüft</translation>
    </message>
    <message>
        <source>all balances sum to %1 (minor units), as at the start</source>
        <translation>alle Kontostände ergeben %1 (kleinste Einheit), wie zu Beginn</translation>
    </message>
    <message>
        <source>all balances sum to %1 (minor units), %2 at the start</source>
        <translation>alle Kontostände ergeben %1 (kleinste Einheit), zu Beginn %2</translation>
    </message>
    <message>
        <source>One schedule per intent</source>
        <translation>Eine geplante Überweisung pro Absicht</translation>
    </message>
    <message>
        <source>the bank did not list the schedules</source>
        <translation>die Bank hat die geplanten Überweisungen nicht aufgelistet</translation>
    </message>
    <message>
        <source>no schedule so far</source>
        <translation>bisher keine geplante Überweisung</translation>
    </message>
    <message>
        <source>one schedule: %1</source>
        <translation>eine geplante Überweisung: %1</translation>
    </message>
    <message>
        <source>%1 schedules for one intent: %2</source>
        <translation>%1 geplante Überweisungen für eine Absicht: %2</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — Exactly-Once Bank</source>
        <translation>Anmelden — Exactly-Once Bank</translation>
    </message>
    <message>
        <source>Sign in to your bank</source>
        <translation>Bei Ihrer Bank anmelden</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Your username; the app remembers it for next time</source>
        <translation>Ihr Benutzername; die App merkt ihn sich für das nächste Mal</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Your password; the app never stores it</source>
        <translation>Ihr Passwort; die App speichert es nie</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in with this username and password</source>
        <translation>Mit diesem Benutzernamen und Passwort anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close this dialog; you can sign in later from the File menu</source>
        <translation>Diesen Dialog schließen; anmelden können Sie sich später über das Menü Datei</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Integrated server at %1</source>
        <translation>Integrierter Server unter %1</translation>
    </message>
    <message>
        <source>Server at %1 — NOT ENCRYPTED: your password is sent in clear text</source>
        <translation>Server unter %1 — NICHT VERSCHLÜSSELT: Ihr Passwort wird im Klartext gesendet</translation>
    </message>
    <message>
        <source>Server at %1</source>
        <translation>Server unter %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Demo users on this server: %1.</source>
        <translation>Demo-Benutzer auf diesem Server: %1.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Exactly-Once Bank</source>
        <translation>Exactly-Once Bank</translation>
    </message>
    <message>
        <source>Unreadable list of unfinished transfers</source>
        <translation>Unlesbare Liste offener Überweisungen</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>Ver&amp;lauf</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>S&amp;chlüssel</translation>
    </message>
    <message>
        <source>Server &amp;log</source>
        <translation>Serverpr&amp;otokoll</translation>
    </message>
    <message>
        <source>Tim&amp;eline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>Unencrypted connection warning</source>
        <translation>Warnung: unverschlüsselte Verbindung</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign in to the bank</source>
        <translation>Bei der Bank anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Sign out and forget this session</source>
        <translation>Abmelden und diese Sitzung vergessen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Choose the server</source>
        <translation>Den Server wählen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit the app</source>
        <translation>Die App beenden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send the transfer in the form</source>
        <translation>Die Überweisung im Formular senden</translation>
    </message>
    <message>
        <source>&amp;New transfer</source>
        <translation>&amp;Neue Überweisung</translation>
    </message>
    <message>
        <source>Clear the form for a new transfer</source>
        <translation>Das Formular für eine neue Überweisung leeren</translation>
    </message>
    <message>
        <source>New &amp;key</source>
        <translation>Neuer Sch&amp;lüssel</translation>
    </message>
    <message>
        <source>Get a fresh key from the bank for a new transfer</source>
        <translation>Einen neuen Schlüssel für eine neue Überweisung von der Bank holen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload accounts and history</source>
        <translation>Konten und Verlauf neu laden</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About this app</source>
        <translation>Über diese App</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Überweisung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>Anfrage läuft</translation>
    </message>
    <message>
        <source>A request to the bank is on its way</source>
        <translation>Eine Anfrage an die Bank ist unterwegs</translation>
    </message>
    <message>
        <source>Integrated server %1</source>
        <translation>Integrierter Server %1</translation>
    </message>
    <message>
        <source>Server %1</source>
        <translation>Server %1</translation>
    </message>
    <message>
        <source>The bank runs inside this app; its database is on this computer</source>
        <translation>Die Bank läuft in dieser App; ihre Datenbank liegt auf diesem Computer</translation>
    </message>
    <message>
        <source>A remote bank server</source>
        <translation>Ein entfernter Bankserver</translation>
    </message>
    <message>
        <source>Not encrypted: this connection to %1 uses http://, so your password, your session and your transfers cross the network in clear text. Anyone on the way can read them and act as you. Use an https:// address in Settings.</source>
        <translation>Nicht verschlüsselt: Diese Verbindung zu %1 nutzt http://, also gehen Ihr Passwort, Ihre Sitzung und Ihre Überweisungen im Klartext über das Netz. Jeder auf dem Weg kann sie lesen und in Ihrem Namen handeln. Verwenden Sie in den Einstellungen eine https://-Adresse.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Server unreachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>Exactly-Once Bank — %1</source>
        <translation>Exactly-Once Bank — %1</translation>
    </message>
    <message>
        <source>A list of unfinished transfers could not be read; it was kept as %1. The bank was not asked about the transfers in it: check the history before sending one again.</source>
        <translation>Eine Liste offener Überweisungen konnte nicht gelesen werden; sie wurde als %1 aufbewahrt. Die Bank wurde zu den Überweisungen darin nicht befragt: Prüfen Sie den Verlauf, bevor Sie eine davon erneut senden.</translation>
    </message>
    <message>
        <source>Lists of unfinished transfers could not be read; they were kept as %1. The bank was not asked about the transfers in them: check the history before sending one again.</source>
        <translation>Listen offener Überweisungen konnten nicht gelesen werden; sie wurden als %1 aufbewahrt. Die Bank wurde zu den Überweisungen darin nicht befragt: Prüfen Sie den Verlauf, bevor Sie eine davon erneut senden.</translation>
    </message>
    <message>
        <source>A list of unfinished transfers could not be read</source>
        <translation>Eine Liste offener Überweisungen konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Exactly-Once Bank %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Moves money exactly once over an unreliable network: each transfer carries an idempotency key from the bank, and every retry with that key gets the stored answer instead of moving the money again.&lt;/p&gt;&lt;p&gt;The &lt;a href=&quot;%2&quot;&gt;lesson guide&lt;/a&gt; shows it step by step, with simulated network failures.&lt;/p&gt;&lt;p&gt;Built with Qt %3, running on Qt %4.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Exactly-Once Bank %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Bewegt Geld genau einmal über ein unzuverlässiges Netz: Jede Überweisung trägt einen Idempotenzschlüssel von der Bank, und jede Wiederholung mit diesem Schlüssel bekommt die gespeicherte Antwort, statt das Geld erneut zu bewegen.&lt;/p&gt;&lt;p&gt;Die &lt;a href=&quot;%2&quot;&gt;Anleitung für den Unterricht&lt;/a&gt; zeigt es Schritt für Schritt, mit simulierten Netzstörungen.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %3, läuft mit Qt %4.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Exactly-Once Bank</source>
        <translation>Über Exactly-Once Bank</translation>
    </message>
    <message>
        <source>The client crashed</source>
        <translation>Der Client ist abgestürzt</translation>
    </message>
    <message>
        <source>The client crashed: the transfer it was sending, its key and this form are gone. Only the list of unfinished transfers on disk is left. “Restart the client” (Timeline tab) or the next sign-in asks the bank what became of it.</source>
        <translation>Der Client ist abgestürzt: die Überweisung, die er gerade sendete, ihr Schlüssel und dieses Formular sind weg. Nur die Liste der unfertigen Überweisungen auf der Festplatte ist übrig. „Client neu starten“ (Reiter Zeitleiste) oder die nächste Anmeldung fragt die Bank, was daraus wurde.</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Larger text in the whole window and the timeline</source>
        <translation>Größere Schrift im ganzen Fenster und in der Zeitleiste</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Smaller text in the whole window and the timeline</source>
        <translation>Kleinere Schrift im ganzen Fenster und in der Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Back to 100 %</source>
        <translation>Zurück auf 100 %</translation>
    </message>
    <message>
        <source>&amp;Timeline full screen</source>
        <translation>&amp;Zeitleiste im Vollbild</translation>
    </message>
    <message>
        <source>Show only the attempt timeline, on the whole screen (Esc or F11 to leave)</source>
        <translation>Nur die Zeitleiste der Versuche zeigen, auf dem ganzen Bildschirm (Esc oder F11 beendet das)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>The size of the text in the whole window and the timeline (Ctrl+= larger, Ctrl+- smaller, Ctrl+0 100 %)</source>
        <translation>Die Schriftgröße im ganzen Fenster und in der Zeitleiste (Strg+= größer, Strg+- kleiner, Strg+0 100 %)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>&amp;Geplant</translation>
    </message>
    <message>
        <source>History, keys, server log, timeline and scheduled transfers</source>
        <translation>Verlauf, Schlüssel, Serverprotokoll, Zeitleiste und geplante Überweisungen</translation>
    </message>
    <message>
        <source>Switch between the transfer history, this session&apos;s keys, the server log, the attempt timeline with simulated network failures and scheduled transfers</source>
        <translation>Zwischen Überweisungsverlauf, den Schlüsseln dieser Sitzung, dem Serverprotokoll, der Zeitleiste der Versuche mit simulierten Netzstörungen und geplanten Überweisungen wechseln</translation>
    </message>
</context>
<context>
    <name>NetworkPace</name>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>½× (%1 s per hop)</source>
        <translation>½× (%1 s pro Station)</translation>
    </message>
    <message>
        <source>¼× (%1 s per hop)</source>
        <translation>¼× (%1 s pro Station)</translation>
    </message>
    <message>
        <source>step (Next)</source>
        <translation>schrittweise (Weiter)</translation>
    </message>
</context>
<context>
    <name>NetworkSimulation</name>
    <message>
        <source>nothing fails</source>
        <translation>nichts schlägt fehl</translation>
    </message>
    <message>
        <source>1 — the request is lost on the way to the bank</source>
        <translation>1 — die Anfrage geht auf dem Weg zur Bank verloren</translation>
    </message>
    <message>
        <source>2 — the connection drops while the bank is working</source>
        <translation>2 — die Verbindung bricht ab, während die Bank arbeitet</translation>
    </message>
    <message>
        <source>3 — the answer is lost on the way back</source>
        <translation>3 — die Antwort geht auf dem Rückweg verloren</translation>
    </message>
</context>
<context>
    <name>ProblemMessages</name>
    <message>
        <source>The bank&apos;s certificate is not trusted: %1. Someone may be impersonating the bank, or its certificate is not set up right.</source>
        <translation>Dem Zertifikat der Bank wird nicht vertraut: %1. Jemand könnte sich als die Bank ausgeben, oder ihr Zertifikat ist nicht richtig eingerichtet.</translation>
    </message>
    <message>
        <source>A secure connection to the bank could not be set up: %1.</source>
        <translation>Eine sichere Verbindung zur Bank ließ sich nicht aufbauen: %1.</translation>
    </message>
    <message>
        <source>The bank did not accept the details. Check the accounts, the amount and the memo.</source>
        <translation>Die Bank hat die Angaben nicht angenommen. Prüfen Sie die Konten, den Betrag und die Notiz.</translation>
    </message>
    <message>
        <source>The username or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>You can only send money from your own accounts.</source>
        <translation>Sie können nur von Ihren eigenen Konten Geld senden.</translation>
    </message>
    <message>
        <source>The bank could not find what was asked for.</source>
        <translation>Die Bank hat das Gesuchte nicht gefunden.</translation>
    </message>
    <message>
        <source>The bank does not support this action. The app and the server may be different versions.</source>
        <translation>Die Bank unterstützt diese Aktion nicht. App und Server haben vielleicht verschiedene Versionen.</translation>
    </message>
    <message>
        <source>The transfer was sent without its safety key, so the bank refused it. Nothing was moved.</source>
        <translation>Die Überweisung wurde ohne ihren Sicherheitsschlüssel gesendet, darum hat die Bank sie abgelehnt. Es wurde nichts bewegt.</translation>
    </message>
    <message>
        <source>The transfer&apos;s safety key was damaged, so the bank refused it. Nothing was moved.</source>
        <translation>Der Sicherheitsschlüssel der Überweisung war beschädigt, darum hat die Bank sie abgelehnt. Es wurde nichts bewegt.</translation>
    </message>
    <message>
        <source>The bank does not recognise this transfer&apos;s key. Nothing was moved; start a new transfer to get a new key.</source>
        <translation>Die Bank kennt den Schlüssel dieser Überweisung nicht. Es wurde nichts bewegt; beginnen Sie eine neue Überweisung, um einen neuen Schlüssel zu bekommen.</translation>
    </message>
    <message>
        <source>This key was issued for something else. Nothing was moved; start a new transfer to get a new key.</source>
        <translation>Dieser Schlüssel wurde für etwas anderes ausgegeben. Es wurde nichts bewegt; beginnen Sie eine neue Überweisung, um einen neuen Schlüssel zu bekommen.</translation>
    </message>
    <message>
        <source>This transfer&apos;s key expired before it was used. Nothing was moved; sending again gets a new key.</source>
        <translation>Der Schlüssel dieser Überweisung ist abgelaufen, bevor er benutzt wurde. Es wurde nichts bewegt; erneutes Senden holt einen neuen Schlüssel.</translation>
    </message>
    <message>
        <source>This transfer&apos;s key was already used by an earlier attempt with other details, which the bank carried out or refused. Check its status before sending again.</source>
        <translation>Der Schlüssel dieser Überweisung wurde schon von einem früheren Versuch mit anderen Angaben benutzt, den die Bank ausgeführt oder abgelehnt hat. Prüfen Sie seinen Status, bevor Sie erneut senden.</translation>
    </message>
    <message>
        <source>The bank is still working on an earlier attempt of this transfer. Wait a moment, then retry: the same key makes sure it happens only once.</source>
        <translation>Die Bank arbeitet noch an einem früheren Versuch dieser Überweisung. Warten Sie einen Moment und wiederholen Sie dann: Der gleiche Schlüssel sorgt dafür, dass sie nur einmal geschieht.</translation>
    </message>
    <message>
        <source>There is not enough money in the account for this transfer. Nothing was moved.</source>
        <translation>Auf dem Konto ist nicht genug Geld für diese Überweisung. Es wurde nichts bewegt.</translation>
    </message>
    <message>
        <source>The request was too large for the bank.</source>
        <translation>Die Anfrage war zu groß für die Bank.</translation>
    </message>
    <message>
        <source>The bank could not read the request. The app and the server may be different versions.</source>
        <translation>Die Bank konnte die Anfrage nicht lesen. App und Server haben vielleicht verschiedene Versionen.</translation>
    </message>
    <message>
        <source>The server refused the address it was reached at. Check the server address in Settings.</source>
        <translation>Der Server hat die Adresse abgelehnt, unter der er erreicht wurde. Prüfen Sie die Serveradresse in den Einstellungen.</translation>
    </message>
    <message>
        <source>The integrated bank refused a request that did not come from this app. Restart the app.</source>
        <translation>Die integrierte Bank hat eine Anfrage abgelehnt, die nicht von dieser App kam. Starten Sie die App neu.</translation>
    </message>
    <message>
        <source>The bank is receiving too many requests. Wait a moment and try again.</source>
        <translation>Die Bank erhält zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The bank is temporarily unavailable. Nothing was changed; try again in a moment.</source>
        <translation>Die Bank ist vorübergehend nicht verfügbar. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Something went wrong at the bank. Nothing was changed; try again later.</source>
        <translation>Bei der Bank ist etwas schiefgegangen. Es wurde nichts geändert; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Something went wrong at the bank.</source>
        <translation>Bei der Bank ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <source>The bank could not be reached. Check the connection and try again.</source>
        <translation>Die Bank ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The bank sent an answer this app does not understand. The app and the server may be different versions.</source>
        <translation>Die Bank hat eine Antwort gesendet, die diese App nicht versteht. App und Server haben vielleicht verschiedene Versionen.</translation>
    </message>
    <message>
        <source>The app did not send this request because it was incomplete.</source>
        <translation>Die App hat diese Anfrage nicht gesendet, weil sie unvollständig war.</translation>
    </message>
    <message>
        <source>Nothing was sent to it.</source>
        <translation>Es wurde nichts an sie gesendet.</translation>
    </message>
    <message>
        <source>The bank did not accept the details, so nothing was moved. Check the accounts, the amount and the memo.</source>
        <translation>Die Bank hat die Angaben nicht angenommen, also wurde nichts bewegt. Prüfen Sie die Konten, den Betrag und die Notiz.</translation>
    </message>
    <message>
        <source>The transfer was not sent, so no money moved. It keeps its key: send it again once the certificate problem is solved, and it still happens only once.</source>
        <translation>Die Überweisung wurde nicht gesendet, also wurde kein Geld bewegt. Sie behält ihren Schlüssel: Senden Sie sie erneut, sobald das Zertifikatsproblem gelöst ist, und sie geschieht trotzdem nur einmal.</translation>
    </message>
    <message>
        <source>No answer came back from the bank, so this transfer may or may not have happened. Retrying is safe: it uses the same key, and the bank moves the money at most once.</source>
        <translation>Von der Bank kam keine Antwort, also ist diese Überweisung vielleicht geschehen, vielleicht nicht. Wiederholen ist sicher: Es nutzt den gleichen Schlüssel, und die Bank bewegt das Geld höchstens einmal.</translation>
    </message>
    <message>
        <source>This transfer&apos;s key was abandoned, so it can never be used. Nothing was moved; sending again gets a new key.</source>
        <translation>Der Schlüssel dieser Überweisung wurde aufgegeben und kann nie mehr benutzt werden. Es wurde nichts bewegt; erneutes Senden holt einen neuen Schlüssel.</translation>
    </message>
    <message>
        <source>This transfer&apos;s key has already been used, so it cannot be abandoned: what the bank did with it stands.</source>
        <translation>Der Schlüssel dieser Überweisung wurde schon benutzt und kann darum nicht aufgegeben werden: Was die Bank damit getan hat, bleibt bestehen.</translation>
    </message>
    <message>
        <source>The bank lost its database connection while saving, so it cannot say yet whether this was done. Trying again is safe: the same request either shows what was done or does it once.</source>
        <translation>Die Bank hat beim Speichern die Verbindung zu ihrer Datenbank verloren und kann noch nicht sagen, ob dies ausgeführt wurde. Ein erneuter Versuch ist sicher: Dieselbe Anfrage zeigt entweder, was ausgeführt wurde, oder führt es einmal aus.</translation>
    </message>
    <message>
        <source>The bank did not accept the schedule, so none was made: %1</source>
        <translation>Die Bank hat die geplante Überweisung nicht angenommen, es wurde keine angelegt: %1</translation>
    </message>
    <message>
        <source>You can only schedule transfers from your own accounts. No schedule was made.</source>
        <translation>Sie können Überweisungen nur von Ihren eigenen Konten planen. Es wurde keine angelegt.</translation>
    </message>
    <message>
        <source>No answer came back from the bank, so the schedule may or may not have been made. Creating it again is safe: it uses the same key, and the bank makes it at most once.</source>
        <translation>Von der Bank kam keine Antwort, die geplante Überweisung wurde also vielleicht angelegt, vielleicht nicht. Erneut anlegen ist sicher: Es nutzt denselben Schlüssel, und die Bank legt sie höchstens einmal an.</translation>
    </message>
</context>
<context>
    <name>RecoveryPanel</name>
    <message>
        <source>Ask a&amp;gain</source>
        <translation>Erneut &amp;fragen</translation>
    </message>
    <message>
        <source>Ask the bank again</source>
        <translation>Die Bank erneut fragen</translation>
    </message>
    <message>
        <source>Ask the bank again what became of this transfer</source>
        <translation>Die Bank erneut fragen, was aus dieser Überweisung geworden ist</translation>
    </message>
    <message>
        <source>Retr&amp;y it</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Retry the unfinished transfer</source>
        <translation>Die offene Überweisung wiederholen</translation>
    </message>
    <message>
        <source>Send this transfer now; with its own key while the bank still accepts it, so it happens at most once</source>
        <translation>Diese Überweisung jetzt senden; mit ihrem eigenen Schlüssel, solange die Bank ihn noch annimmt, sodass sie höchstens einmal geschieht</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Ignorieren</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Hide this note; a transfer whose outcome is still unknown is asked about again next time</source>
        <translation>Diesen Hinweis ausblenden; nach einer Überweisung, deren Ausgang noch unbekannt ist, wird beim nächsten Mal wieder gefragt</translation>
    </message>
    <message>
        <source>A transfer left unfinished last time</source>
        <translation>Eine Überweisung blieb beim letzten Mal offen</translation>
    </message>
    <message>
        <source>A transfer left unfinished last time (1 of %1)</source>
        <translation>Eine Überweisung blieb beim letzten Mal offen (1 von %1)</translation>
    </message>
    <message>
        <source>Asking the bank what became of %1…</source>
        <translation>Die Bank wird gefragt, was aus %1 geworden ist…</translation>
    </message>
</context>
<context>
    <name>ScheduleCreation</name>
    <message>
        <source>Nothing was sent. %1</source>
        <translation>Nichts wurde gesendet. %1</translation>
    </message>
    <message>
        <source>Asking the bank for a key for this schedule…</source>
        <translation>Die Bank wird um einen Schlüssel für diese geplante Überweisung gebeten…</translation>
    </message>
    <message>
        <source>No key came back. Asking the bank for another one in %1 s.</source>
        <translation>Kein Schlüssel erhalten. Die Bank wird in %1 s um einen weiteren gebeten.</translation>
    </message>
    <message>
        <source>Could not get a key for this schedule, so nothing was sent. %1</source>
        <translation>Für diese geplante Überweisung war kein Schlüssel zu bekommen, daher wurde nichts gesendet. %1</translation>
    </message>
    <message>
        <source>Sending the schedule…</source>
        <translation>Die geplante Überweisung wird gesendet…</translation>
    </message>
    <message>
        <source>Retrying with the same key (attempt %1 of %2)…</source>
        <translation>Wiederholung mit dem gleichen Schlüssel (Versuch %1 von %2)…</translation>
    </message>
    <message>
        <source>Scheduled. An earlier attempt got no answer; the bank made the schedule once, for this key.</source>
        <translation>Geplant. Ein früherer Versuch bekam keine Antwort; die Bank hat die geplante Überweisung für diesen Schlüssel einmal angelegt.</translation>
    </message>
    <message>
        <source>Scheduled.</source>
        <translation>Geplant.</translation>
    </message>
    <message>
        <source>No answer came back. Retrying with the same key in %1 s; that is safe: the bank makes the schedule at most once.</source>
        <translation>Keine Antwort erhalten. Wiederholung mit dem gleichen Schlüssel in %1 s; das ist sicher: Die Bank legt die geplante Überweisung höchstens einmal an.</translation>
    </message>
    <message>
        <source>The bank is busy or briefly unavailable. Trying again with the same key in %1 s.</source>
        <translation>Die Bank ist beschäftigt oder kurz nicht erreichbar. Neuer Versuch mit dem gleichen Schlüssel in %1 s.</translation>
    </message>
</context>
<context>
    <name>ScheduleDraft</name>
    <message>
        <source>Choose when the transfer first runs.</source>
        <translation>Wählen Sie, wann die Überweisung zum ersten Mal ausgeführt wird.</translation>
    </message>
    <message>
        <source>A schedule runs from 1 to %1 times.</source>
        <translation>Eine geplante Überweisung wird 1- bis %1-mal ausgeführt.</translation>
    </message>
    <message>
        <source>The first run lies in the past. Choose a later time.</source>
        <translation>Die erste Ausführung liegt in der Vergangenheit. Wählen Sie einen späteren Zeitpunkt.</translation>
    </message>
    <message>
        <source>This schedule cannot be made as entered; check its details.</source>
        <translation>So eingegeben kann die geplante Überweisung nicht angelegt werden; prüfen Sie die Angaben.</translation>
    </message>
</context>
<context>
    <name>ScheduleOccurrencesModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>ScheduledTransfersModel</name>
    <message>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>executed</source>
        <translation>ausgeführt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Scheduled transfer %1: %2</source>
        <translation>Geplante Überweisung %1: %2</translation>
    </message>
    <message>
        <source>Scheduled transfer %1</source>
        <translation>Geplante Überweisung %1</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>Erste Ausführung</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>daily, %1 times</source>
        <translation>täglich, %1-mal</translation>
    </message>
    <message>
        <source>weekly, %1 times</source>
        <translation>wöchentlich, %1-mal</translation>
    </message>
    <message>
        <source>monthly, %1 times</source>
        <translation>monatlich, %1-mal</translation>
    </message>
</context>
<context>
    <name>ScheduledView</name>
    <message>
        <source>New scheduled transfer</source>
        <translation>Neue geplante Überweisung</translation>
    </message>
    <message>
        <source>Scheduled transfer from account</source>
        <translation>Geplante Überweisung von Konto</translation>
    </message>
    <message>
        <source>The account the money leaves at each run</source>
        <translation>Das Konto, von dem das Geld bei jeder Ausführung abgeht</translation>
    </message>
    <message>
        <source>Scheduled transfer to account</source>
        <translation>Geplante Überweisung an Konto</translation>
    </message>
    <message>
        <source>Who receives the money: one of your accounts or a payee</source>
        <translation>Wer das Geld bekommt: eines Ihrer Konten oder ein Empfänger</translation>
    </message>
    <message>
        <source>Choose a recipient</source>
        <translation>Empfänger wählen</translation>
    </message>
    <message>
        <source>Scheduled amount</source>
        <translation>Geplanter Betrag</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>The amount of each run, with at most two decimals</source>
        <translation>Der Betrag jeder Ausführung, mit höchstens zwei Nachkommastellen</translation>
    </message>
    <message>
        <source>Scheduled memo</source>
        <translation>Notiz der geplanten Überweisung</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Freiwillig</translation>
    </message>
    <message>
        <source>An optional note for both sides, up to 140 characters</source>
        <translation>Eine freiwillige Notiz für beide Seiten, bis zu 140 Zeichen</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>Erste Ausführung</translation>
    </message>
    <message>
        <source>When the first transfer runs, in this computer&apos;s time zone</source>
        <translation>Wann die erste Überweisung ausgeführt wird, in der Zeitzone dieses Computers</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Whether the transfer runs once or repeats every day, week or month</source>
        <translation>Ob die Überweisung einmal ausgeführt wird oder sich täglich, wöchentlich oder monatlich wiederholt</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmal</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Wöchentlich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>Anzahl der Ausführungen</translation>
    </message>
    <message>
        <source>How many times the transfer runs in all, 1 to %1</source>
        <translation>Wie oft die Überweisung insgesamt ausgeführt wird, 1 bis %1</translation>
    </message>
    <message>
        <source> times</source>
        <translation>-mal</translation>
    </message>
    <message>
        <source>Create schedule</source>
        <translation>Planen</translation>
    </message>
    <message>
        <source>Ask the bank for a key, then make the schedule with it</source>
        <translation>Die Bank um einen Schlüssel bitten, dann die geplante Überweisung damit anlegen</translation>
    </message>
    <message>
        <source>First run:</source>
        <translation>Erste Ausführung:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholung:</translation>
    </message>
    <message>
        <source>Your scheduled transfers</source>
        <translation>Ihre geplanten Überweisungen</translation>
    </message>
    <message>
        <source>Runs of the selected schedule</source>
        <translation>Ausführungen der gewählten geplanten Überweisung</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh scheduled transfers</source>
        <translation>Geplante Überweisungen aktualisieren</translation>
    </message>
    <message>
        <source>Ask the bank for your schedules and the selected one&apos;s runs again</source>
        <translation>Die Bank erneut nach Ihren geplanten Überweisungen und den Ausführungen der gewählten fragen</translation>
    </message>
    <message>
        <source>Cancel schedule…</source>
        <translation>Stornieren…</translation>
    </message>
    <message>
        <source>Cancel schedule</source>
        <translation>Geplante Überweisung stornieren</translation>
    </message>
    <message>
        <source>Stop the selected schedule: its runs still pending never happen</source>
        <translation>Die gewählte geplante Überweisung beenden: Ihre noch ausstehenden Ausführungen finden nie statt</translation>
    </message>
    <message>
        <source>Runs of the selected schedule:</source>
        <translation>Ausführungen der gewählten geplanten Überweisung:</translation>
    </message>
    <message>
        <source>Cancelled: the runs still pending will not happen.</source>
        <translation>Storniert: Die noch ausstehenden Ausführungen finden nicht statt.</translation>
    </message>
    <message>
        <source>No key yet</source>
        <translation>Noch kein Schlüssel</translation>
    </message>
    <message>
        <source>Cancel this scheduled transfer? Its runs still pending will not happen; runs already made stay as they are.</source>
        <translation>Diese geplante Überweisung stornieren? Ihre noch ausstehenden Ausführungen finden nicht statt; bereits ausgeführte bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Your scheduled transfers, newest first. Select one to see its runs.</source>
        <translation>Ihre geplanten Überweisungen, die neuesten zuerst. Wählen Sie eine, um ihre Ausführungen zu sehen.</translation>
    </message>
    <message>
        <source>Each run of the selected schedule: when it is due, whether the bank has made its transfer, and why not if it failed</source>
        <translation>Jede Ausführung der gewählten geplanten Überweisung: wann sie fällig ist, ob die Bank ihre Überweisung gemacht hat, und warum nicht, wenn sie fehlgeschlagen ist</translation>
    </message>
    <message>
        <source>The key the schedule is made with: the bank issues one when you create the schedule, and makes the schedule once per key, however often it is sent</source>
        <translation>Der Schlüssel, mit dem die geplante Überweisung angelegt wird: Die Bank vergibt ihn beim Planen und legt sie pro Schlüssel einmal an, wie oft sie auch gesendet wird</translation>
    </message>
    <message>
        <source>Pay from:</source>
        <translation>Zahlen von:</translation>
    </message>
    <message>
        <source>Pay to:</source>
        <translation>Zahlen an:</translation>
    </message>
    <message>
        <source>Each amount:</source>
        <translation>Betrag je Ausführung:</translation>
    </message>
    <message>
        <source>Each memo:</source>
        <translation>Notiz je Ausführung:</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <source>Schedule key:</source>
        <translation>Planungsschlüssel:</translation>
    </message>
</context>
<context>
    <name>ServerLogView</name>
    <message>
        <source>Server request log</source>
        <translation>Anfrageprotokoll des Servers</translation>
    </message>
    <message>
        <source>One line per request the integrated server answered: method, path, status, key, whether it was a replay, and microseconds</source>
        <translation>Eine Zeile pro Anfrage, die der integrierte Server beantwortet hat: Methode, Pfad, Status, Schlüssel, ob es eine Wiederholung war, und Mikrosekunden</translation>
    </message>
    <message>
        <source>Requests the integrated server answered, newest at the bottom.</source>
        <translation>Anfragen, die der integrierte Server beantwortet hat, neueste unten.</translation>
    </message>
    <message>
        <source>The request log is shown only when the app runs the integrated server.</source>
        <translation>Das Anfrageprotokoll gibt es nur, wenn die App den integrierten Server betreibt.</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>%1 is not on this computer, and http:// would send your password and your session to it unencrypted, for anyone on the network to read and reuse. Use https://%1 instead, or explicitly allow an insecure connection.</source>
        <translation>%1 ist nicht auf diesem Computer, und http:// würde Ihr Passwort und Ihre Sitzung unverschlüsselt dorthin senden, für jeden im Netz lesbar und wiederverwendbar. Verwenden Sie stattdessen https://%1, oder erlauben Sie ausdrücklich eine unsichere Verbindung.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings — Exactly-Once Bank</source>
        <translation>Einstellungen — Exactly-Once Bank</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Integrated server (runs inside this app)</source>
        <translation>&amp;Integrierter Server (läuft in dieser App)</translation>
    </message>
    <message>
        <source>Use the integrated server</source>
        <translation>Den integrierten Server verwenden</translation>
    </message>
    <message>
        <source>Run the bank inside the app, on this computer, with its own database</source>
        <translation>Die Bank in der App betreiben, auf diesem Computer, mit eigener Datenbank</translation>
    </message>
    <message>
        <source>&amp;Remote server:</source>
        <translation>&amp;Entfernter Server:</translation>
    </message>
    <message>
        <source>Use a remote server</source>
        <translation>Einen entfernten Server verwenden</translation>
    </message>
    <message>
        <source>Connect to a bank server elsewhere</source>
        <translation>Mit einem Bankserver anderswo verbinden</translation>
    </message>
    <message>
        <source>Remote server URL</source>
        <translation>Adresse des entfernten Servers</translation>
    </message>
    <message>
        <source>The server&apos;s address, for example https://bank.example. http:// is for a server on this computer only (127.0.0.1 or localhost): elsewhere it sends your password unencrypted.</source>
        <translation>Die Adresse des Servers, zum Beispiel https://bank.example. http:// ist nur für einen Server auf diesem Computer (127.0.0.1 oder localhost): Anderswohin sendet es Ihr Passwort unverschlüsselt.</translation>
    </message>
    <message>
        <source>Allow an &amp;unencrypted http:// connection to another computer (insecure)</source>
        <translation>&amp;Unverschlüsselte http://-Verbindung zu einem anderen Computer erlauben (unsicher)</translation>
    </message>
    <message>
        <source>Allow an unencrypted connection</source>
        <translation>Eine unverschlüsselte Verbindung erlauben</translation>
    </message>
    <message>
        <source>Your password, your session and your transfers then cross the network in clear text: anyone on the way can read them and act as you. Only for a network you trust.</source>
        <translation>Ihr Passwort, Ihre Sitzung und Ihre Überweisungen gehen dann im Klartext über das Netz: Jeder auf dem Weg kann sie lesen und in Ihrem Namen handeln. Nur für ein Netz, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>Changing the server signs you out.</source>
        <translation>Ein Wechsel des Servers meldet Sie ab.</translation>
    </message>
    <message>
        <source>Apply settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Use these settings</source>
        <translation>Diese Einstellungen verwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Keep the current settings</source>
        <translation>Die aktuellen Einstellungen behalten</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address starting with https:// (http:// only for this computer), for example https://bank.example.</source>
        <translation>Geben Sie die Adresse des Servers mit https:// ein (http:// nur für diesen Computer), zum Beispiel https://bank.example.</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <source>With and without key, side by side</source>
        <translation>Mit und ohne Schlüssel, nebeneinander</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>Als PNG e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export side by side as PNG</source>
        <translation>Nebeneinander als PNG exportieren</translation>
    </message>
    <message>
        <source>Save both timelines next to each other as one picture, light background, for slides</source>
        <translation>Beide Zeitleisten nebeneinander als ein Bild speichern, heller Hintergrund, für Folien</translation>
    </message>
    <message>
        <source>Close side by side</source>
        <translation>Nebeneinander schließen</translation>
    </message>
    <message>
        <source>Case %1 with and without key</source>
        <translation>Fall %1 mit und ohne Schlüssel</translation>
    </message>
    <message>
        <source>Without key: runs next…</source>
        <translation>Ohne Schlüssel: läuft als Nächstes…</translation>
    </message>
    <message>
        <source>With key: %1</source>
        <translation>Mit Schlüssel: %1</translation>
    </message>
    <message>
        <source>Without key: %1</source>
        <translation>Ohne Schlüssel: %1</translation>
    </message>
    <message>
        <source>side-by-side-%1.png</source>
        <translation>nebeneinander-%1.png</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Saved the picture as %1.</source>
        <translation>Das Bild wurde als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>TeachingPanel</name>
    <message>
        <source>Simulate network failure</source>
        <translation>Netzstörung simulieren</translation>
    </message>
    <message>
        <source>Put a fault-injecting proxy between this app and its integrated bank server: transfer requests then really fail, in the chosen way</source>
        <translation>Einen Proxy, der Fehler einbaut, zwischen diese App und ihren integrierten Bankserver setzen: Überweisungsanfragen schlagen dann wirklich fehl, auf die gewählte Art</translation>
    </message>
    <message>
        <source>Failure case</source>
        <translation>Störungsfall</translation>
    </message>
    <message>
        <source>Where the transfer fails: before the bank gets it, while the bank works, or on the way back</source>
        <translation>Wo die Überweisung scheitert: bevor die Bank sie bekommt, während die Bank arbeitet, oder auf dem Rückweg</translation>
    </message>
    <message>
        <source>When it fails</source>
        <translation>Wann es fehlschlägt</translation>
    </message>
    <message>
        <source>Which transfer attempts fail: the next one only, the first few, or a random share</source>
        <translation>Welche Überweisungsversuche fehlschlagen: nur der nächste, die ersten paar oder ein zufälliger Anteil</translation>
    </message>
    <message>
        <source>next attempt only</source>
        <translation>nur der nächste Versuch</translation>
    </message>
    <message>
        <source>first N attempts</source>
        <translation>die ersten N Versuche</translation>
    </message>
    <message>
        <source>random share of attempts</source>
        <translation>ein zufälliger Anteil der Versuche</translation>
    </message>
    <message>
        <source>Attempts that fail</source>
        <translation>Versuche, die fehlschlagen</translation>
    </message>
    <message>
        <source>How many attempts fail, from now</source>
        <translation>Wie viele Versuche ab jetzt fehlschlagen</translation>
    </message>
    <message>
        <source> attempts</source>
        <translation> Versuche</translation>
    </message>
    <message>
        <source>Share of attempts that fail</source>
        <translation>Anteil der Versuche, die fehlschlagen</translation>
    </message>
    <message>
        <source>The share of attempts that fail, at random</source>
        <translation>Der Anteil der Versuche, die zufällig fehlschlagen</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Processing delay</source>
        <translation>Bearbeitungsdauer</translation>
    </message>
    <message>
        <source>Case 2: the integrated bank holds each transfer this long, so the connection drops while it works and the retry finds it still in progress (409). Changing it restarts the integrated server.</source>
        <translation>Fall 2: Die integrierte Bank hält jede Überweisung so lange fest, sodass die Verbindung abbricht, während sie arbeitet, und die Wiederholung sie noch in Bearbeitung findet (409). Eine Änderung startet den integrierten Server neu.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Arm again</source>
        <translation>Erneut scharf schalten</translation>
    </message>
    <message>
        <source>Start the schedule afresh: with &quot;next attempt only&quot;, the next attempt fails again</source>
        <translation>Den Ablauf neu beginnen: Bei „nur der nächste Versuch“ schlägt der nächste Versuch wieder fehl</translation>
    </message>
    <message>
        <source>Failure:</source>
        <translation>Störung:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Wann:</translation>
    </message>
    <message>
        <source>Processing delay (case 2):</source>
        <translation>Bearbeitungsdauer (Fall 2):</translation>
    </message>
    <message>
        <source>Send without idem&amp;potency key (unsafe)</source>
        <translation>Ohne Idempotenzschlüssel senden (unsiche&amp;r)</translation>
    </message>
    <message>
        <source>Send without idempotency key</source>
        <translation>Ohne Idempotenzschlüssel senden</translation>
    </message>
    <message>
        <source>Demonstration of the bug: transfers go to the integrated server&apos;s demo endpoint without a key, so a retry after a lost answer moves the money again</source>
        <translation>Vorführung des Fehlers: Überweisungen gehen ohne Schlüssel an den Vorführ-Endpunkt des integrierten Servers, sodass eine Wiederholung nach einer verlorenen Antwort das Geld erneut bewegt</translation>
    </message>
    <message>
        <source>Simulated failures and the unsafe demonstration need the integrated server (Settings).</source>
        <translation>Simulierte Störungen und die unsichere Vorführung brauchen den integrierten Server (Einstellungen).</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear timeline</source>
        <translation>Zeitleiste leeren</translation>
    </message>
    <message>
        <source>Empty the timeline; the next transfer starts a new one</source>
        <translation>Die Zeitleiste leeren; die nächste Überweisung beginnt eine neue</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Copy timeline as text</source>
        <translation>Zeitleiste als Text kopieren</translation>
    </message>
    <message>
        <source>Copy the timeline to the clipboard as plain text</source>
        <translation>Die Zeitleiste als reinen Text in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Export text…</source>
        <translation>Als Text…</translation>
    </message>
    <message>
        <source>Export timeline as text</source>
        <translation>Zeitleiste als Text exportieren</translation>
    </message>
    <message>
        <source>Save the timeline as plain text</source>
        <translation>Die Zeitleiste als reinen Text speichern</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>PNG e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export timeline as PNG</source>
        <translation>Zeitleiste als PNG exportieren</translation>
    </message>
    <message>
        <source>Save the timeline as a picture, light background, for slides</source>
        <translation>Die Zeitleiste als Bild speichern, heller Hintergrund, für Folien</translation>
    </message>
    <message>
        <source>DEMONSTRATION OF THE BUG: transfers now go out without an idempotency key. The bank cannot tell a retry from a new transfer, so a retry after a lost answer moves the money twice.</source>
        <translation>VORFÜHRUNG DES FEHLERS: Überweisungen gehen jetzt ohne Idempotenzschlüssel hinaus. Die Bank kann eine Wiederholung nicht von einer neuen Überweisung unterscheiden, also bewegt eine Wiederholung nach einer verlorenen Antwort das Geld zweimal.</translation>
    </message>
    <message>
        <source>The network is reliable.</source>
        <translation>Das Netz ist zuverlässig.</translation>
    </message>
    <message numerus="yes">
        <source>Armed: the next %n transfer attempt(s) will fail.</source>
        <translation>
            <numerusform>Scharf: Der nächste Überweisungsversuch schlägt fehl.</numerusform>
            <numerusform>Scharf: Die nächsten %n Überweisungsversuche schlagen fehl.</numerusform>
        </translation>
    </message>
    <message>
        <source>Used up: attempts get through now. “Arm again” makes the next one fail.</source>
        <translation>Aufgebraucht: Versuche kommen jetzt durch. „Erneut scharf schalten“ lässt den nächsten fehlschlagen.</translation>
    </message>
    <message>
        <source>Armed: %1 % of transfer attempts fail at random.</source>
        <translation>Scharf: %1 % der Überweisungsversuche schlagen zufällig fehl.</translation>
    </message>
    <message>
        <source>The simulation could not be changed: %1</source>
        <translation>Die Simulation konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>case%1</source>
        <translation>fall%1</translation>
    </message>
    <message>
        <source>no-failure</source>
        <translation>ohne-stoerung</translation>
    </message>
    <message>
        <source>-unsafe</source>
        <translation>-unsicher</translation>
    </message>
    <message>
        <source>timeline-%1-%2.%3</source>
        <translation>zeitleiste-%1-%2.%3</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>Saved the timeline as %1.</source>
        <translation>Zeitleiste gespeichert als %1.</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Run a scenario</source>
        <translation>Szenario starten</translation>
    </message>
    <message>
        <source>With key:</source>
        <translation>Mit Schlüssel:</translation>
    </message>
    <message>
        <source>Without key:</source>
        <translation>Ohne Schlüssel:</translation>
    </message>
    <message>
        <source>The scenario could not run: %1</source>
        <translation>Das Szenario konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>Network speed</source>
        <translation>Netztempo</translation>
    </message>
    <message>
        <source>Slow motion: each transfer request and its answer wait at every hop of the network, so a case can be watched unfolding; &quot;step&quot; waits for Next</source>
        <translation>Zeitlupe: Jede Überweisungsanfrage und ihre Antwort warten an jeder Station des Netzes, so dass man einem Fall zusehen kann; „schrittweise“ wartet auf Weiter</translation>
    </message>
    <message numerus="yes">
        <source>The client keeps its own clock: after %n second(s) without an answer it gives up on the attempt and retries as usual, while the held message stays where it is until Next.</source>
        <translation>
            <numerusform>Der Client behält seine eigene Uhr: Nach %n Sekunde ohne Antwort gibt er den Versuch auf und wiederholt ihn wie gewohnt, während die angehaltene Nachricht bis Weiter bleibt, wo sie ist.</numerusform>
            <numerusform>Der Client behält seine eigene Uhr: Nach %n Sekunden ohne Antwort gibt er den Versuch auf und wiederholt ihn wie gewohnt, während die angehaltene Nachricht bis Weiter bleibt, wo sie ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>Schrittweise</translation>
    </message>
    <message>
        <source>Each transfer request and its answer wait at every hop until Next (Space or →). %1</source>
        <translation>Jede Überweisungsanfrage und ihre Antwort warten an jeder Station, bis Sie Weiter drücken (Leertaste oder →). %1</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>The message that has waited longest goes on to its next hop (Space or →)</source>
        <translation>Die Nachricht, die am längsten wartet, geht zur nächsten Station weiter (Leertaste oder →)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Let every held message go and run the rest without holding</source>
        <translation>Alle angehaltenen Nachrichten freigeben und den Rest ohne Anhalten ablaufen lassen</translation>
    </message>
    <message>
        <source>Server keys:</source>
        <translation>Server-Schlüssel:</translation>
    </message>
    <message>
        <source>Restart the client</source>
        <translation>Client neu starten</translation>
    </message>
    <message>
        <source>After “Client crash after send”: a new client, built from the list of unfinished transfers on disk, asks the bank by the key what became of the transfer</source>
        <translation>Nach „Absturz nach Senden“: ein neuer Client, aufgebaut aus der Liste der unfertigen Überweisungen auf der Festplatte, fragt die Bank anhand des Schlüssels, was aus der Überweisung wurde</translation>
    </message>
    <message>
        <source>Copy as image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Copy timeline as image</source>
        <translation>Zeitleiste als Bild kopieren</translation>
    </message>
    <message>
        <source>Copy the timeline to the clipboard as a picture, light background, twice the resolution</source>
        <translation>Die Zeitleiste als Bild in die Zwischenablage kopieren, heller Hintergrund, doppelte Auflösung</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>Als SVG…</translation>
    </message>
    <message>
        <source>Export timeline as SVG</source>
        <translation>Zeitleiste als SVG exportieren</translation>
    </message>
    <message>
        <source>Save the timeline as a drawing that stays sharp at any size, light background</source>
        <translation>Die Zeitleiste als Zeichnung speichern, die in jeder Größe scharf bleibt, heller Hintergrund</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message>
        <source>without key</source>
        <translation>ohne Schlüssel</translation>
    </message>
    <message>
        <source>with key</source>
        <translation>mit Schlüssel</translation>
    </message>
    <message>
        <source>No failure, %1: %2</source>
        <translation>Kein Fehler, %1: %2</translation>
    </message>
    <message>
        <source>Case %1, %2: %3</source>
        <translation>Fall %1, %2: %3</translation>
    </message>
    <message>
        <source>Copied the timeline as a picture.</source>
        <translation>Die Zeitleiste wurde als Bild kopiert.</translation>
    </message>
    <message>
        <source>Compare with and without key</source>
        <translation>Mit und ohne Schlüssel vergleichen</translation>
    </message>
    <message>
        <source>Run the failure case chosen below twice, with a key and then without one, and show both timelines next to each other</source>
        <translation>Den unten gewählten Fehlerfall zweimal ausführen, mit Schlüssel und dann ohne, und beide Zeitleisten nebeneinander zeigen</translation>
    </message>
    <message>
        <source>Side by side:</source>
        <translation>Nebeneinander:</translation>
    </message>
    <message>
        <source>Next scenario</source>
        <translation>Nächstes Szenario</translation>
    </message>
    <message>
        <source>Run the next scenario of the open lesson (%1)</source>
        <translation>Das nächste Szenario der offenen Lektion ausführen (%1)</translation>
    </message>
    <message>
        <source>Lesson:</source>
        <translation>Lektion:</translation>
    </message>
    <message>
        <source>Save the scenarios run so far, in order, with the seed of the app&apos;s random choices, so that the class can be run again the same way</source>
        <translation>Die bisher ausgeführten Szenarien der Reihe nach speichern, mit dem Startwert der Zufallsentscheidungen der App, damit der Unterricht genauso wiederholt werden kann</translation>
    </message>
    <message>
        <source>Open a prepared lesson: “Next scenario” then runs its scenarios in order</source>
        <translation>Eine vorbereitete Lektion öffnen: „Nächstes Szenario“ führt dann ihre Szenarien der Reihe nach aus</translation>
    </message>
    <message>
        <source>Run the next scenario of the open lesson</source>
        <translation>Das nächste Szenario der offenen Lektion ausführen</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>Lektion speichern</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>Lektion öffnen</translation>
    </message>
    <message>
        <source>lesson.json</source>
        <translation>lektion.json</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>Lektionen (*.json)</translation>
    </message>
    <message>
        <source>The lesson could not be opened: %1</source>
        <translation>Die Lektion konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The lesson could not be saved: %1</source>
        <translation>Die Lektion konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved the lesson as %1.</source>
        <translation>Die Lektion wurde als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Save lesso&amp;n…</source>
        <translation>Lektion &amp;speichern…</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>Lektion ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Ne&amp;xt scenario</source>
        <translation>&amp;Nächstes Szenario</translation>
    </message>
    <message>
        <source>Manual controls</source>
        <translation>Von Hand einstellen</translation>
    </message>
    <message>
        <source>Choose the failure, when it happens and case 2&apos;s processing delay by hand</source>
        <translation>Den Fehler, wann er eintritt, und die Bearbeitungszeit von Fall 2 von Hand wählen</translation>
    </message>
</context>
<context>
    <name>TeachingPreset</name>
    <message>
        <source>Case %1 · key</source>
        <translation>Fall %1 · mit</translation>
    </message>
    <message>
        <source>Case %1 · no key</source>
        <translation>Fall %1 · ohne</translation>
    </message>
    <message>
        <source>Arms failure “%1” for the next attempt and sends a new demo transfer with an idempotency key: the money moves once.</source>
        <translation>Schaltet die Störung „%1“ für den nächsten Versuch scharf und sendet eine neue Demo-Überweisung mit Idempotenzschlüssel: das Geld fließt einmal.</translation>
    </message>
    <message numerus="yes">
        <source>Arms failure “%1” for the next attempt and sends a new demo transfer without a key (unsafe): the money moves %n time(s).</source>
        <translation>
            <numerusform>Schaltet die Störung „%1“ für den nächsten Versuch scharf und sendet eine neue Demo-Überweisung ohne Schlüssel (unsicher): das Geld fließt %n-mal.</numerusform>
            <numerusform>Schaltet die Störung „%1“ für den nächsten Versuch scharf und sendet eine neue Demo-Überweisung ohne Schlüssel (unsicher): das Geld fließt %n-mal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Key answer lost</source>
        <translation>Schlüssel verloren</translation>
    </message>
    <message>
        <source>Throws away the bank&apos;s answer to the next key request and sends a new demo transfer: the client asks again and gets a second key, the first stays unused (harmless), the money moves once.</source>
        <translation>Verwirft die Antwort der Bank auf die nächste Schlüsselanfrage und sendet eine neue Demo-Überweisung: der Client fragt erneut und erhält einen zweiten Schlüssel, der erste bleibt unbenutzt (harmlos), das Geld fließt einmal.</translation>
    </message>
    <message>
        <source>Client crash after send</source>
        <translation>Absturz nach Senden</translation>
    </message>
    <message>
        <source>Sends a new demo transfer and destroys the client once the request is on the network: its transfer, key and form are gone, only the list of unfinished transfers on disk is left. “Restart the client” asks the bank by the key: it happened, once.</source>
        <translation>Sendet eine neue Demo-Überweisung und zerstört den Client, sobald die Anfrage im Netz ist: Überweisung, Schlüssel und Formular sind weg, nur die Liste der unfertigen Überweisungen auf der Festplatte bleibt. „Client neu starten“ fragt die Bank anhand des Schlüssels: es ist passiert, einmal.</translation>
    </message>
</context>
<context>
    <name>TimelineRecorder</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>TransferDraft</name>
    <message>
        <source>Enter an amount.</source>
        <translation>Geben Sie einen Betrag ein.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <source>Use at most two decimals.</source>
        <translation>Höchstens zwei Nachkommastellen.</translation>
    </message>
    <message>
        <source>The amount can be at most %1.</source>
        <translation>Der Betrag darf höchstens %1 sein.</translation>
    </message>
    <message>
        <source>Write the decimals after “%1”, as in %2.</source>
        <translation>Schreiben Sie die Nachkommastellen nach „%1“, wie in %2.</translation>
    </message>
    <message>
        <source>Enter a number such as %1.</source>
        <translation>Geben Sie eine Zahl wie %1 ein.</translation>
    </message>
    <message>
        <source>The memo can be at most %1 characters; it has %2.</source>
        <translation>Die Notiz darf höchstens %1 Zeichen lang sein; sie hat %2.</translation>
    </message>
    <message>
        <source>The memo cannot contain tabs, line breaks or other control characters.</source>
        <translation>Die Notiz darf keine Tabulatoren, Zeilenumbrüche oder andere Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The memo contains an invisible character that cannot be stored (such as a byte order mark).</source>
        <translation>Die Notiz enthält ein unsichtbares Zeichen, das nicht gespeichert werden kann (etwa eine Bytereihenfolge-Markierung).</translation>
    </message>
    <message>
        <source>Choose the account to send from.</source>
        <translation>Wählen Sie das Konto, von dem gesendet wird.</translation>
    </message>
    <message>
        <source>Choose who receives the money.</source>
        <translation>Wählen Sie, wer das Geld bekommt.</translation>
    </message>
    <message>
        <source>Choose an account other than the one you send from.</source>
        <translation>Wählen Sie ein anderes Konto als das, von dem Sie senden.</translation>
    </message>
    <message>
        <source>This account holds %1 and yours holds %2; both must hold the same currency.</source>
        <translation>Dieses Konto führt %1 und Ihres führt %2; beide müssen dieselbe Währung führen.</translation>
    </message>
    <message>
        <source>This transfer cannot be sent as entered; check the accounts.</source>
        <translation>Diese Überweisung kann so nicht gesendet werden; prüfen Sie die Konten.</translation>
    </message>
</context>
<context>
    <name>TransferFlow</name>
    <message>
        <source>The details changed, so this is a new transfer: it gets a new key when you send it.</source>
        <translation>Die Angaben haben sich geändert, also ist dies eine neue Überweisung: Sie bekommt beim Senden einen neuen Schlüssel.</translation>
    </message>
    <message>
        <source>Nothing was sent. Correct the marked fields first.</source>
        <translation>Es wurde nichts gesendet. Korrigieren Sie zuerst die markierten Felder.</translation>
    </message>
    <message>
        <source>Asking the bank for a key for this transfer…</source>
        <translation>Die Bank wird um einen Schlüssel für diese Überweisung gebeten…</translation>
    </message>
    <message>
        <source>Could not get a key for this transfer, so nothing was sent. %1</source>
        <translation>Für diese Überweisung war kein Schlüssel zu bekommen, also wurde nichts gesendet. %1</translation>
    </message>
    <message>
        <source>New key ready. It will be used for this transfer and all its retries.</source>
        <translation>Neuer Schlüssel bereit. Er wird für diese Überweisung und alle ihre Wiederholungen verwendet.</translation>
    </message>
    <message>
        <source>Asking the bank whether this transfer happened…</source>
        <translation>Die Bank wird gefragt, ob diese Überweisung geschehen ist…</translation>
    </message>
    <message>
        <source>No key came back. Asking the bank for another one in %1 s; a key issued on the way stays unused, which is harmless.</source>
        <translation>Es kam kein Schlüssel zurück. In %1 s wird die Bank um einen weiteren gebeten; ein unterwegs ausgestellter Schlüssel bleibt unbenutzt, was harmlos ist.</translation>
    </message>
</context>
<context>
    <name>TransferForm</name>
    <message>
        <source>&amp;Send without key (unsafe)</source>
        <translation>Ohne Schlüssel &amp;senden (unsicher)</translation>
    </message>
    <message>
        <source>Retry with the &amp;same key</source>
        <translation>Mit dem gleichen &amp;Schlüssel wiederholen</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>From account</source>
        <translation>Von Konto</translation>
    </message>
    <message>
        <source>The account the money leaves</source>
        <translation>Das Konto, von dem das Geld abgeht</translation>
    </message>
    <message>
        <source>To account</source>
        <translation>An Konto</translation>
    </message>
    <message>
        <source>Who receives the money: one of your accounts or a payee</source>
        <translation>Wer das Geld bekommt: eines Ihrer Konten oder ein Empfänger</translation>
    </message>
    <message>
        <source>Choose a recipient</source>
        <translation>Empfänger wählen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>The amount, with at most two decimals, written as in your language settings (for example %1)</source>
        <translation>Der Betrag, mit höchstens zwei Nachkommastellen, geschrieben wie in Ihren Spracheinstellungen (zum Beispiel %1)</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>An optional note for both sides, up to 140 characters</source>
        <translation>Eine freiwillige Notiz für beide Seiten, bis zu 140 Zeichen</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Freiwillig</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>A&amp;n:</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <source>&amp;Memo:</source>
        <translation>No&amp;tiz:</translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation>Idempotenzschlüssel</translation>
    </message>
    <message>
        <source>The bank moves money only once per key. Every retry of this transfer carries the same key.</source>
        <translation>Die Bank bewegt Geld pro Schlüssel nur einmal. Jede Wiederholung dieser Überweisung trägt den gleichen Schlüssel.</translation>
    </message>
    <message>
        <source>The key this transfer holds; the bank issued it for this transfer only</source>
        <translation>Der Schlüssel dieser Überweisung; die Bank hat ihn nur für diese Überweisung ausgegeben</translation>
    </message>
    <message>
        <source>Ne&amp;w key</source>
        <translation>Neuer Schlüss&amp;el</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>Neuer Schlüssel</translation>
    </message>
    <message>
        <source>Get a fresh key from the bank now; the form becomes a new transfer</source>
        <translation>Jetzt einen neuen Schlüssel von der Bank holen; das Formular wird zu einer neuen Überweisung</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>&amp;New transfer</source>
        <translation>Ne&amp;ue Überweisung</translation>
    </message>
    <message>
        <source>New transfer</source>
        <translation>Neue Überweisung</translation>
    </message>
    <message>
        <source>Clear the form for a new transfer (Ctrl+N)</source>
        <translation>Das Formular für eine neue Überweisung leeren (Strg+N)</translation>
    </message>
    <message>
        <source>Send transfer</source>
        <translation>Überweisung senden</translation>
    </message>
    <message>
        <source>Send the transfer (Ctrl+Return). Asks the bank for a key first if the transfer has none.</source>
        <translation>Die Überweisung senden (Strg+Eingabe). Holt zuerst einen Schlüssel von der Bank, wenn die Überweisung keinen hat.</translation>
    </message>
    <message>
        <source>Retry a&amp;utomatically</source>
        <translation>Auto&amp;matisch wiederholen</translation>
    </message>
    <message>
        <source>Retry automatically</source>
        <translation>Automatisch wiederholen</translation>
    </message>
    <message>
        <source>When no answer comes back, or the bank is busy (409) or briefly unavailable (503), send again with the same key after a short, growing, random wait; at most %1 attempts</source>
        <translation>Wenn keine Antwort kommt oder die Bank beschäftigt (409) oder kurz nicht verfügbar (503) ist, nach einer kurzen, wachsenden, zufälligen Wartezeit mit dem gleichen Schlüssel erneut senden; höchstens %1 Versuche</translation>
    </message>
    <message>
        <source>&amp;Check status</source>
        <translation>Status &amp;prüfen</translation>
    </message>
    <message>
        <source>Check status</source>
        <translation>Status prüfen</translation>
    </message>
    <message>
        <source>Ask the bank whether this transfer happened: it looks up the transfer&apos;s key</source>
        <translation>Die Bank fragen, ob diese Überweisung geschehen ist: Sie schlägt den Schlüssel der Überweisung nach</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The money leaves this account</source>
        <translation>Von diesem Konto geht das Geld ab</translation>
    </message>
    <message>
        <source>No key is sent, so the bank cannot recognise a retry: every request that arrives moves money.</source>
        <translation>Es wird kein Schlüssel gesendet, also kann die Bank eine Wiederholung nicht erkennen: Jede ankommende Anfrage bewegt Geld.</translation>
    </message>
    <message>
        <source>The bank issues a key when you send.</source>
        <translation>Die Bank gibt beim Senden einen Schlüssel aus.</translation>
    </message>
    <message>
        <source>Issued for this transfer. The transfer and every retry of it carry this key.</source>
        <translation>Für diese Überweisung ausgegeben. Die Überweisung und jede ihrer Wiederholungen tragen diesen Schlüssel.</translation>
    </message>
    <message>
        <source>The transfer is on its way with this key.</source>
        <translation>Die Überweisung ist mit diesem Schlüssel unterwegs.</translation>
    </message>
    <message>
        <source>No answer came back. Retrying with this key is safe: the bank moves the money at most once.</source>
        <translation>Keine Antwort erhalten. Wiederholen mit diesem Schlüssel ist sicher: Die Bank bewegt das Geld höchstens einmal.</translation>
    </message>
    <message>
        <source>Done. Sending again only repeats the bank&apos;s answer; change any field to make a new transfer.</source>
        <translation>Erledigt. Erneutes Senden wiederholt nur die Antwort der Bank; ändern Sie ein Feld für eine neue Überweisung.</translation>
    </message>
    <message>
        <source>The bank refused this transfer and recorded it. Change any field to make a new transfer.</source>
        <translation>Die Bank hat diese Überweisung abgelehnt und das festgehalten. Ändern Sie ein Feld für eine neue Überweisung.</translation>
    </message>
    <message>
        <source>This key expired unused. Sending asks the bank for a new one.</source>
        <translation>Dieser Schlüssel ist unbenutzt abgelaufen. Senden holt einen neuen von der Bank.</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>none: unsafe demonstration</source>
        <translation>keiner: unsichere Vorführung</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>nicht verwendet</translation>
    </message>
    <message>
        <source>Demonstration of the bug: Send goes out WITHOUT an idempotency key. If an answer is lost, the retry moves the money again.</source>
        <translation>Vorführung des Fehlers: Senden geht OHNE Idempotenzschlüssel hinaus. Geht eine Antwort verloren, bewegt die Wiederholung das Geld erneut.</translation>
    </message>
    <message>
        <source>Retry first: the last attempt with this key may have gone through</source>
        <translation>Erst wiederholen: Der letzte Versuch mit diesem Schlüssel ist vielleicht durchgegangen</translation>
    </message>
    <message>
        <source>This key was given up unused and can never be used. Sending asks the bank for a new one.</source>
        <translation>Dieser Schlüssel wurde unbenutzt aufgegeben und kann nie mehr benutzt werden. Senden holt einen neuen von der Bank.</translation>
    </message>
</context>
<context>
    <name>TransferHistoryModel</name>
    <message>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>own</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>kein Schlüssel</translation>
    </message>
    <message>
        <source>Times the bank answered a retry of this transfer with the stored result</source>
        <translation>Wie oft die Bank eine Wiederholung dieser Überweisung mit dem gespeicherten Ergebnis beantwortet hat</translation>
    </message>
    <message>
        <source>Sent without an idempotency key (the unsafe demonstration); the bank made up %1 for its records</source>
        <translation>Ohne Idempotenzschlüssel gesendet (die unsichere Vorführung); die Bank hat sich %1 für ihre Unterlagen ausgedacht</translation>
    </message>
    <message>
        <source>Received into your account</source>
        <translation>Auf Ihr Konto eingegangen</translation>
    </message>
    <message>
        <source>Sent from your account</source>
        <translation>Von Ihrem Konto gesendet</translation>
    </message>
    <message>
        <source>Moved between two of your accounts</source>
        <translation>Zwischen zwei Ihrer Konten bewegt</translation>
    </message>
    <message>
        <source>Transfer %1</source>
        <translation>Überweisung %1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>Ein/aus</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Replays</source>
        <translation>Wiederholungen</translation>
    </message>
</context>
<context>
    <name>TransferIntent</name>
    <message>
        <source>no key yet</source>
        <translation>noch kein Schlüssel</translation>
    </message>
    <message>
        <source>unused</source>
        <translation>unbenutzt</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>Ausgang unbekannt</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>aufgegeben</translation>
    </message>
</context>
<context>
    <name>TransferStatus</name>
    <message>
        <source>It happened: the bank carried out %1, once. Do not send it again.</source>
        <translation>Geschehen: Die Bank hat %1 ausgeführt, einmal. Nicht erneut senden.</translation>
    </message>
    <message>
        <source>It did not happen: the bank refused %1 (not enough money) and recorded that. Nothing was moved.</source>
        <translation>Nicht geschehen: Die Bank hat %1 abgelehnt (nicht genug Geld) und das festgehalten. Es wurde nichts bewegt.</translation>
    </message>
    <message>
        <source>It has not happened: the bank has not carried out %1 (yet). Retrying with the same key is safe: the bank moves the money at most once.</source>
        <translation>Noch nicht geschehen: Die Bank hat %1 (noch) nicht ausgeführt. Wiederholen mit dem gleichen Schlüssel ist sicher: Die Bank bewegt das Geld höchstens einmal.</translation>
    </message>
    <message>
        <source>It did not happen: the bank never carried out %1, and its key can no longer be used. Sending it again gets a new key.</source>
        <translation>Nicht geschehen: Die Bank hat %1 nie ausgeführt, und ihr Schlüssel ist nicht mehr verwendbar. Erneutes Senden holt einen neuen Schlüssel.</translation>
    </message>
    <message>
        <source>The bank could not be asked about %1, so it may or may not have happened. Try again in a moment.</source>
        <translation>Die Bank konnte zu %1 nicht befragt werden, also ist es vielleicht geschehen, vielleicht nicht. Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
<context>
    <name>UnsafeTransferMode</name>
    <message>
        <source>Demonstration of the bug: transfers now go out without an idempotency key, so the bank cannot tell a retry from a new transfer.</source>
        <translation>Vorführung des Fehlers: Überweisungen gehen jetzt ohne Idempotenzschlüssel hinaus, also kann die Bank eine Wiederholung nicht von einer neuen Überweisung unterscheiden.</translation>
    </message>
    <message>
        <source>Sending %1 WITHOUT an idempotency key…</source>
        <translation>%1 wird OHNE Idempotenzschlüssel gesendet…</translation>
    </message>
    <message>
        <source>No answer came back. Sending again WITHOUT a key in %1 s: if the first one went through, this moves the money a second time.</source>
        <translation>Keine Antwort erhalten. In %1 s wird OHNE Schlüssel erneut gesendet: Falls der erste Versuch durchging, bewegt das das Geld ein zweites Mal.</translation>
    </message>
    <message>
        <source>Sent %1 without a key. But an earlier attempt got no answer, and without a key the bank cannot tell a retry from a new transfer: the money may have moved more than once. Look at the timeline and the balances.</source>
        <translation>%1 ohne Schlüssel gesendet. Aber ein früherer Versuch bekam keine Antwort, und ohne Schlüssel kann die Bank eine Wiederholung nicht von einer neuen Überweisung unterscheiden: Das Geld wurde vielleicht mehr als einmal bewegt. Sehen Sie sich die Zeitleiste und die Kontostände an.</translation>
    </message>
    <message>
        <source>Sent %1 without a key (demonstration).</source>
        <translation>%1 ohne Schlüssel gesendet (Vorführung).</translation>
    </message>
    <message>
        <source>No answer came back, so %1 may or may not have happened. Without a key, sending again may move the money twice.</source>
        <translation>Keine Antwort erhalten, also ist %1 vielleicht geschehen, vielleicht nicht. Ohne Schlüssel kann erneutes Senden das Geld zweimal bewegen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Exactly-Once Bank</source>
        <translation>Exactly-Once Bank</translation>
    </message>
    <message>
        <source>The app could not connect to the bank:
%1</source>
        <translation>Die App konnte keine Verbindung zur Bank herstellen:
%1</translation>
    </message>
</context>
</TS>
