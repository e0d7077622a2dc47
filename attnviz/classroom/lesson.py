"""The "lesson pack": one ZIP with a view's inputs, its figures' data and a README.

Everything is plain text (CSV, JSON, a README.txt); nothing in it is HTML, so the
user's text is stored as typed and cannot run anywhere.
"""

import io
import json
import zipfile

README_NAME = "README.txt"
INPUTS_NAME = "inputs.json"


def build_lesson_pack(title, description, inputs, files, file_notes=None, created=None):
    """ZIP bytes holding README.txt, inputs.json and `files`.

    Args:
        title: first line of the README.
        description: a few sentences on what the pack shows.
        inputs: JSON-serialisable dict of what produced the view (text, model, step...).
        files: {name: bytes or str} of data files (CSV, JSON).
        file_notes: {name: one line saying what the file holds}; listed in the README.
        created: optional timestamp string for the README.

    Returns:
        bytes of a ZIP archive; its README lists every file it contains.
    """
    file_notes = dict(file_notes or {})
    names = [INPUTS_NAME, *files]
    if len(set(names)) != len(names) or README_NAME in files:
        raise ValueError(f"file names must be unique and not {README_NAME}: {names}")
    lines = [title, "=" * len(title), "", description.strip(), ""]
    if created:
        lines += [f"Created: {created}", ""]
    lines.append("Files:")
    lines.append(f"- {README_NAME}: this file")
    lines.append(f"- {INPUTS_NAME}: {file_notes.get(INPUTS_NAME, 'the inputs of this view')}")
    for name in files:
        lines.append(f"- {name}: {file_notes.get(name, '')}".rstrip(": ").rstrip())
    readme = "\n".join(lines) + "\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README_NAME, readme)
        archive.writestr(INPUTS_NAME, json.dumps(inputs, ensure_ascii=False, indent=2))
        for name, data in files.items():
            archive.writestr(name, data if isinstance(data, bytes) else str(data))
    return buffer.getvalue()


def listed_files(readme):
    """The file names a lesson-pack README lists (lines "- name: ...")."""
    names = []
    for line in readme.splitlines():
        if line.startswith("- "):
            names.append(line[2:].split(":", 1)[0].strip())
    return names
