"""Turns a clinic's existing article (pasted text or a .html, .md, .txt or .docx file) into a
draft treatment guide, with a report for the editor. See docs/editors.md."""
