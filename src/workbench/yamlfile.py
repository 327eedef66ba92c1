"""A safe YAML reader for parameter files and sweep specs: one clear line for every problem.

It reads UTF-8 (with or without a byte-order mark) and, failing that, GBK/GB18030, the encoding
Chinese Windows editors save in; a file that is neither is refused with the byte offset at fault.
It refuses files over :data:`MAX_BYTES`, nesting deeper than :data:`MAX_DEPTH`, documents that
expand (through aliases) to more than :data:`MAX_NODES` values, and duplicate keys (naming the key
and both lines). Messages quote at most a short excerpt of a value. Only YAML's safe types are
constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbench.errors import ParameterError

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 100_000


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw:
        raise ParameterError(f"{where}: not a text file (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_problem = f"byte {exc.start} is not UTF-8"
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ParameterError(
            f"{where}: cannot read the text: {utf8_problem}, and it is not GBK either; "
            "save the file as UTF-8"
        ) from None


def _check_shape(root: yaml.Node, where: str) -> None:
    """Depth, expanded size and duplicate keys, walking the node graph once per distinct node."""
    sizes: dict[int, int] = {}

    def walk(node: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            raise ParameterError(f"{where}:{line}: nested more than {MAX_DEPTH} levels deep")
        if id(node) in sizes:  # an alias: count its expansion again, without walking it again
            return sizes[id(node)]
        size = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in seen:
                        raise ParameterError(
                            f"{where}:{line}: duplicate key {key.value[:40]!r} (first on line "
                            f"{seen[key.value]}); each key may appear once"
                        )
                    seen[key.value] = line
                size += walk(key, depth + 1) + walk(value, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                size += walk(item, depth + 1)
        if size > MAX_NODES:
            raise ParameterError(
                f"{where}: the document expands to more than {MAX_NODES:,} values (through "
                "aliases?); parameter files are small"
            )
        sizes[id(node)] = size
        return size

    walk(root, 0)


def loads(text: str, where: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML ``text``; return the data and the line of every top-level key.

    Raises
    ------
    ParameterError
        Malformed YAML, too deep, too large after alias expansion, or a duplicate key.
    """
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise ParameterError(f"{where}: nested too deeply to read") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f"{where}:{mark.line + 1}" if mark else where
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ParameterError(f"{at}: malformed YAML: {problem}") from None
        if node is None:
            return None, {}
        _check_shape(node, where)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f"{where}:{mark.line + 1}" if mark else where
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ParameterError(f"{at}: {problem}") from None
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    return data, lines


def load(path: str | Path) -> tuple[Any, dict[str, int]]:
    """Read a YAML file safely (see the module doc); return the data and top-level key lines.

    Raises
    ------
    ParameterError
        The file is missing, unreadable, too large, not UTF-8 or GBK text, or not valid YAML.
    """
    path = Path(path)
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ParameterError(
                f"{where}: {size:,} bytes; a parameter file may have at most {MAX_BYTES:,}"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ParameterError(f"file not found: {where}") from None
    except IsADirectoryError:
        raise ParameterError(f"{where} is a folder, not a YAML file") from None
    except PermissionError:
        raise ParameterError(f"{where}: permission denied") from None
    except OSError as exc:
        raise ParameterError(f"{where}: cannot read ({exc.strerror})") from None
    return loads(_decode(raw, where), where)
