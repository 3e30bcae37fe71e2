#pragma once

#include "app/teaching/TeachingPreset.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// A prepared lesson: the scenario presets in the order the instructor runs them, and the seed of
// every random choice of the app (the retry waits, random failures), so that opening it replays
// the class the same way each time. A small JSON file, no passwords and nothing secret:
//
//   {"format": "exactly-once-bank lesson", "version": 1, "seed": 42,
//    "scenarios": ["Run case 1 with key", "Run case 3 without key"]}
//
// The scenarios are the presets' automation names (docs/automation.md), never translated.
struct Lesson
{
    Q_DECLARE_TR_FUNCTIONS(Lesson)
public:
    static constexpr int kVersion = 1;
    static constexpr auto kFormat = "exactly-once-bank lesson";

    QList<TeachingPreset> scenarios;
    quint32 seed = 0;

    QByteArray toJson() const;
    // The lesson in `json`, or nullopt and why not in `why` (which member, what was expected).
    static std::optional<Lesson> fromJson(const QByteArray &json, QString *why);
    // The preset with this automation name, e.g. "Run case 2 without key".
    static std::optional<TeachingPreset> preset(const QString &automationName);

    // Where the class is, `next` being the index of the scenario to run next: "Lesson: next is
    // scenario 2 of 5, “Case 2 · no key”."
    QString progressText(int next) const;

    bool operator==(const Lesson &other) const = default;
};
