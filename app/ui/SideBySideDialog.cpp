#include "app/ui/SideBySideDialog.h"

#include "app/teaching/AttemptTimeline.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/InlineMessage.h"
#include "shared/files/PrivateFiles.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtMath>

SideBySideDialog::SideBySideDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("sideBySideDialog"));
    setAccessibleName(tr("With and without key, side by side"));
    auto *grid = new QGridLayout;
    for (const bool withKey : {true, false}) {
        Side &shown = side(withKey);
        const QString name = withKey ? QStringLiteral("sideWithKey") : QStringLiteral("sideWithoutKey");
        shown.heading = new QLabel(this);
        shown.heading->setObjectName(name);
        QFont bold = shown.heading->font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.25);
        shown.heading->setFont(bold);
        shown.heading->setWordWrap(true);
        shown.picture = new QLabel(this);
        shown.picture->setObjectName(name + QStringLiteral("Picture"));
        shown.picture->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
        shown.picture->setMinimumWidth(kShownWidth);
        shown.ledger = new QLabel(this);
        shown.ledger->setObjectName(name + QStringLiteral("Ledger"));
        shown.ledger->setWordWrap(true);
        shown.ledger->setTextInteractionFlags(Qt::TextSelectableByMouse);
        const int column = withKey ? 0 : 1;
        grid->addWidget(shown.heading, 0, column);
        grid->addWidget(shown.picture, 1, column);
        grid->addWidget(shown.ledger, 2, column);
    }
    grid->setRowStretch(1, 1);
    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("sideBySideMessage"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("E&xport PNG…"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("exportSideBySideButton"));
    m_export->setAccessibleName(tr("Export side by side as PNG"));
    m_export->setToolTip(tr("Save both timelines next to each other as one picture, light background, for slides"));
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeSideBySideButton"));
    close->setAccessibleName(tr("Close side by side"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &SideBySideDialog::exportWithDialog);
}

void SideBySideDialog::showSide(const TeachingPreset &preset, const AttemptTimeline &timeline, const QImage &picture)
{
    setWindowTitle(tr("Case %1 with and without key").arg(int(preset.failure)));
    if (preset.withKey) {
        Side &other = side(false);
        other.image = {};
        other.heading->setText(tr("Without key: runs next…"));
        other.picture->clear();
        other.ledger->clear();
    }
    Side &shown = side(preset.withKey);
    shown.image = picture;
    shown.heading->setText((preset.withKey ? tr("With key: %1") : tr("Without key: %1")).arg(timeline.ledgerText()));
    shown.heading->setAccessibleName(shown.heading->text());
    // kShownWidth on screen: the picture has the timeline's devicePixelRatio (AttemptTimelineView::render).
    const int shownPixels = qRound(kShownWidth * picture.devicePixelRatio());
    shown.picture->setPixmap(
        QPixmap::fromImage(picture.scaledToWidth(qMin(shownPixels, picture.width()), Qt::SmoothTransformation)));
    shown.picture->setAccessibleName(shown.heading->text());
    shown.picture->setAccessibleDescription(timeline.toText());
    QStringList lines;
    for (const AttemptTimeline::AccountEffect &effect : timeline.accountEffects())
        lines.append(timeline.movementText(effect));
    shown.ledger->setText(lines.join(u'\n'));
    m_export->setEnabled(isComplete());
    m_message->clearMessage();
}

QString SideBySideDialog::heading(bool withKey) const
{
    return side(withKey).image.isNull() ? QString() : side(withKey).heading->text();
}

QString SideBySideDialog::ledger(bool withKey) const { return side(withKey).ledger->text(); }

bool SideBySideDialog::isComplete() const { return !side(true).image.isNull() && !side(false).image.isNull(); }

QImage SideBySideDialog::render() const
{
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    QFont headingFont = side(true).heading->font();
    const int titleHeight = QFontMetrics(titleFont).height() + kPictureMargin / 2;
    const int headingHeight = QFontMetrics(headingFont).height() + kPictureMargin / 2;
    // Laid out in the timelines' own units; as crisp as they are (AttemptTimelineView::render).
    const qreal scale = side(true).image.devicePixelRatio();
    const int width = qCeil(
        qMax(side(true).image.deviceIndependentSize().width(), side(false).image.deviceIndependentSize().width()));
    const int pictures = qCeil(
        qMax(side(true).image.deviceIndependentSize().height(), side(false).image.deviceIndependentSize().height()));
    QImage image(qCeil((2 * width + 3 * kPictureMargin) * scale),
                 qCeil((kPictureMargin + titleHeight + headingHeight + pictures + kPictureMargin) * scale),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(20, 20, 20));
    painter.setFont(titleFont);
    painter.drawText(QRect(kPictureMargin, kPictureMargin, 2 * width + kPictureMargin, titleHeight),
                     Qt::AlignLeft | Qt::AlignTop, windowTitle());
    painter.setFont(headingFont);
    for (const bool withKey : {true, false}) {
        const int left = withKey ? kPictureMargin : 2 * kPictureMargin + width;
        const int top = kPictureMargin + titleHeight;
        painter.drawText(QRect(left, top, width, headingHeight), Qt::AlignLeft | Qt::AlignTop,
                         side(withKey).heading->text());
        painter.drawImage(QPoint(left, top + headingHeight), side(withKey).image);
    }
    return image;
}

bool SideBySideDialog::exportPng(const QString &path) const
{
    const QImage image = render();
    return PrivateFiles::save(path, [&image](QIODevice &file) { return image.save(&file, "PNG"); });
}

void SideBySideDialog::exportWithDialog()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString suggested = QDir(folder).filePath(
        tr("side-by-side-%1.png").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm"))));
    auto *dialog = new QFileDialog(this, tr("Export side by side as PNG"), suggested, tr("PNG images (*.png)"));
    dialog->setObjectName(QStringLiteral("sideBySideExportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("png"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const bool saved = exportPng(path);
        m_message->showMessage(
            saved ? InlineMessage::Kind::Success : InlineMessage::Kind::Error,
            (saved ? tr("Saved the picture as %1.") : tr("Could not write %1.")).arg(QDir::toNativeSeparators(path)));
    });
    dialog->open();
}
