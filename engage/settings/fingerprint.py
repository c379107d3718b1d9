import hashlib
from pathlib import Path


def templates_fingerprint(directory: Path) -> str:
    """A short hash of every template's name and content under `directory`."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(directory.rglob("*.html")):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
