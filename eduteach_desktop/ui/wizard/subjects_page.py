"""Page 4: grades and the textbook edition of each subject, from the hub's catalog
(or the lessons already here), with the download size."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout

from eduteach_desktop.store.library import Subscription
from eduteach_protocol.editions import EditionRule

from ..labels import grade_label, size_label, subject_label
from ..widgets import label
from .page import WizardPage, wrapping_label

if TYPE_CHECKING:
    from eduteach_protocol.catalog import Catalog

    from .first_run_wizard import FirstRunWizard


ALL_EDITIONS = "*"
NO_EDITION = ""
GRADES = (1, 2, 3)


class SubjectsPage(WizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.status = wrapping_label("Muted")
        self.column.addWidget(self.status)
        self.grade_title = label("", "SectionTitle")
        self.column.addWidget(self.grade_title)
        row = QHBoxLayout()
        self.grades: dict[int, QCheckBox] = {}
        for grade in GRADES:
            box = QCheckBox()
            box.toggled.connect(self.update_size)
            self.grades[grade] = box
            row.addWidget(box)
        row.addStretch(1)
        self.column.addLayout(row)
        self.edition_title = label("", "SectionTitle")
        self.column.addWidget(self.edition_title)
        self.edition_grid = QGridLayout()
        self.edition_grid.setHorizontalSpacing(16)
        self.edition_grid.setVerticalSpacing(10)
        self.edition_grid.setColumnStretch(1, 1)
        self.column.addLayout(self.edition_grid)
        self.size = wrapping_label("Big")
        self.column.addWidget(self.size)
        self.column.addStretch(1)
        self.catalog: Catalog | None = None
        self.editions: dict[str, QComboBox] = {}
        self._subject_labels: dict[str, Any] = {}
        self._state = "loading"

    # loading the catalog in hand -------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.catalog is not None:
            return
        self._state = "loading"
        self.retranslate()
        if self.wiz.offline:
            self._load_local()
            return
        self.wiz.tasks.run_read(self.wiz.services.settings.enrolled, self._load,
                                lambda exc: self._load_local())

    def _load(self, enrolled: bool) -> None:
        if enrolled:
            self.wiz.tasks.run_network(self.wiz.fetch_hub_catalog, self._got_catalog,
                                       lambda exc: self._load_local())
        else:
            self._load_local()

    def _load_local(self) -> None:
        services = self.wiz.services

        def load() -> Catalog | None:
            # With no hub, the demo lessons are the catalog in hand (imported once, like a
            # USB stick; the app would import them at its first start anyway).
            services.import_demo_if_first_run()
            return services.library.active_catalog() or services.library.pending_catalog()

        self.wiz.tasks.run_write(load, self._got_catalog, lambda exc: self._got_catalog(None))

    def _got_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog if catalog is not None and catalog.lessons else None
        self._state = "ready" if self.catalog else "empty"
        for widget in list(self.editions.values()) + list(self._subject_labels.values()):
            widget.deleteLater()
        self.editions.clear()
        self._subject_labels.clear()
        if self.catalog is not None:
            by_subject: dict[str, set[str]] = {}
            for lesson in self.catalog.lessons:
                by_subject.setdefault(lesson.subject, set()).add(lesson.edition)
            for row, subject in enumerate(sorted(by_subject)):
                name = label("", "")
                combo = QComboBox()
                combo.setMinimumWidth(260)
                editions = sorted(by_subject[subject])
                combo.addItem("", NO_EDITION)
                combo.addItem("", ALL_EDITIONS)
                for edition in editions:
                    combo.addItem(edition, edition)
                # One edition: that one; several: all until the teacher picks hers.
                combo.setCurrentIndex(2 if len(editions) == 1 else 1)
                combo.currentIndexChanged.connect(self.update_size)
                self.edition_grid.addWidget(name, row, 0)
                self.edition_grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignLeft)
                self.editions[subject] = combo
                self._subject_labels[subject] = name
            # The county's editions, when it set them, are what the combos start at.
            self.wiz.tasks.run_read(self.wiz.services.library.county_editions, self._preselect)
        self.retranslate()

    def _preselect(self, rules: list[EditionRule]) -> None:
        chosen: dict[str, str] = {}
        for rule in rules:  # the all-grades rule of a subject, else one of its grade rules
            if rule.subject not in chosen or rule.grade == 0:
                chosen[rule.subject] = rule.edition
        for subject, edition in chosen.items():
            combo = self.editions.get(subject)
            index = combo.findData(edition) if combo is not None else -1
            if combo is not None and index >= 0:
                combo.setCurrentIndex(index)
        self.update_size()

    # choices ------------------------------------------------------------------------------
    def subscriptions(self) -> list[Subscription]:
        grades = [g for g, box in self.grades.items() if box.isChecked()]
        subs = []
        for grade in grades:
            for subject, combo in self.editions.items():
                edition = combo.currentData()
                if edition != NO_EDITION:
                    subs.append(Subscription(grade, subject, edition))
        return subs

    def total_bytes(self) -> tuple[int, int]:
        """(lessons, bytes) the chosen subscriptions would download."""
        if self.catalog is None:
            return 0, 0
        subs = self.subscriptions()
        lessons = [ls for ls in self.catalog.lessons if any(s.matches(ls) for s in subs)]
        return len(lessons), sum(ls.size for ls in lessons)

    def update_size(self) -> None:
        if self._state != "ready":
            self.size.setText("")
            return
        if not any(box.isChecked() for box in self.grades.values()):
            self.size.setText(self.tr("No grade chosen: nothing changes now (all lessons stay "
                                      "wanted). Choose later under Lessons → "
                                      "Choose lessons to download."))
            return
        count, total = self.total_bytes()
        self.size.setText(self.tr("To download: %1 lessons, %2").replace("%1", str(count))
                          .replace("%2", size_label(total)))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Grades and textbooks"))
        self.intro.setText(self.tr(
            "Tick the grades this school teaches and pick the textbook edition of each "
            "subject. Only those lessons are downloaded."))
        self.status.setText({
            "loading": self.tr("Reading the list of lessons…"),
            "empty": self.tr("There is no list of lessons on this computer yet. Skip this "
                             "step: when the first lessons have arrived, choose under Lessons → "
                             "Choose lessons to download."),
        }.get(self._state, ""))
        self.status.setVisible(self._state != "ready")
        ready = self._state == "ready"
        for widget in (self.grade_title, self.edition_title, *self.grades.values()):
            widget.setVisible(ready)
        self.grade_title.setText(self.tr("Grades"))
        self.edition_title.setText(self.tr("Textbook edition of each subject"))
        for grade, box in self.grades.items():
            box.setText(grade_label(grade))
        for subject, combo in self.editions.items():
            self._subject_labels[subject].setText(subject_label(subject))
            combo.setItemText(0, self.tr("Not taught"))
            combo.setItemText(1, self.tr("All editions"))
        self.update_size()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        subs = self.subscriptions()
        if subs:
            library = self.wiz.services.library
            self.wiz.tasks.run_write(lambda: library.set_subscriptions(subs))
        return True

