"""The README's Python section runs as written (from the source directory, as a reader would)."""

from goaldrift_testing import SOURCE_DIR

MARKER = "<!-- checked by python/tests/test_readme.py -->"


def python_blocks(text):
    """The ```python fences right after a line holding MARKER alone."""
    blocks = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == MARKER:
            fenced = i + 1 < len(lines) and lines[i + 1].strip() == "```python"
            assert fenced, f"README.md line {i + 2}: {MARKER} must precede a ```python fence"
            end = lines.index("```", i + 2)
            blocks.append("\n".join(lines[i + 2 : end]))
    return blocks


def test_the_readmes_python_examples_run_as_written(monkeypatch, capsys):
    blocks = python_blocks((SOURCE_DIR / "README.md").read_text())
    assert blocks, f"README.md has no Python example marked {MARKER}"
    monkeypatch.chdir(SOURCE_DIR)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out, "the README's Python example should show what it computed"
