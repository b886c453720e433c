"""The import report an editor reads after an import: where each heading went, how hard each part
reads, and which lines to look at before sending the guide for clinical review."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from articles.readability import TARGET_GRADE

INTRODUCTION = "(introduction, no heading)"


@dataclass
class SectionPlacement:
    """One heading of the article and the guide section its text went into."""

    source_heading: str
    section: str  # the section's name in the editor, e.g. "Benefits"
    block_type: str
    grade: float
    words: int
    notes: list[str] = field(default_factory=list)

    @property
    def source_label(self) -> str:
        return self.source_heading or INTRODUCTION

    @property
    def meets_target(self) -> bool:
        return self.grade <= TARGET_GRADE


@dataclass
class FlaggedLine:
    """A line that looks like marketing or spam, and where it is now."""

    text: str
    reasons: list[str]
    section: str
    source_heading: str = ""

    @property
    def source_label(self) -> str:
        return self.source_heading or INTRODUCTION


@dataclass
class ImportReport:
    source_name: str
    source_format: str
    title: str
    grade: float
    words: int
    summary_from: str = ""
    placements: list[SectionPlacement] = field(default_factory=list)
    flagged: list[FlaggedLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    to_do: list[str] = field(default_factory=list)
    target_grade: float = TARGET_GRADE

    @property
    def meets_target(self) -> bool:
        return self.grade <= self.target_grade

    def to_dict(self) -> dict:
        """A JSON-ready copy (kept in the session between the import and the results page)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        data = dict(data)
        data["placements"] = [SectionPlacement(**item) for item in data.get("placements", [])]
        data["flagged"] = [FlaggedLine(**item) for item in data.get("flagged", [])]
        data["links"] = [tuple(link) for link in data.get("links", [])]
        return cls(**data)

    def as_text(self) -> list[str]:
        """The report as lines of plain text, for the command line."""
        lines = [
            f"Title: {self.title}",
            f"Reading grade: {self.grade:.1f} (aim for {self.target_grade:.0f} or lower), "
            f"{self.words} words",
            "Where the headings went:",
        ]
        for placement in self.placements:
            lines.append(
                f"  {placement.source_label} -> {placement.section} "
                f"(grade {placement.grade:.1f}, {placement.words} words)"
            )
            lines.extend(f"      {note}" for note in placement.notes)
        if self.flagged:
            lines.append("Lines to check (marketing, links away or promises):")
            for flag in self.flagged:
                lines.append(f"  {flag.text}")
                lines.append(
                    f"      {'; '.join(flag.reasons)} (in {flag.section}, from {flag.source_label})"
                )
        else:
            lines.append("No lines look like marketing or spam.")
        if self.left_out:
            lines.append("Not imported: " + "; ".join(self.left_out))
        if self.links:
            lines.append("Links in the article (not copied into the guide):")
            lines.extend(f"  {text}: {url}" for text, url in self.links)
        lines.extend(f"Note: {note}" for note in self.notes)
        if self.to_do:
            lines.append("Before this guide can be published:")
            lines.extend(f"  - {item}" for item in self.to_do)
        return lines
