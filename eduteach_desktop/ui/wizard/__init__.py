"""The first-run wizard: what a county technician sets up before leaving the school.

Language, storage folder, county hub (or offline only), grades and textbook editions,
and lessons from a USB folder. Every page can be skipped (Next with nothing filled in);
everything here can be changed later in Settings and the Library. No step needs the
network: offline only plus skipping everything leaves the demo lessons in place.

Storage comes second, before enrollment and imports: a new folder only takes effect after
a restart, and whatever was enrolled or imported before would stay behind in the old one.
"""

from .first_run_wizard import FirstRunWizard, run_first_run_wizard
from .page import pick_folder

__all__ = ["FirstRunWizard", "pick_folder", "run_first_run_wizard"]
