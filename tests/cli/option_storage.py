#!/usr/bin/env python3
"""The CLI binds each option to a shared_ptr that its command's callback must capture: a
std::make_shared value named only where it is bound (add_option/add_flag) dies with its block,
and CLI11 then writes a parsed flag into freed memory (`charge add --group` crashed that way).
Fails naming every such value in app/cli/*.cpp."""
import glob
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
found = []
for path in sorted(glob.glob(f"{root}/app/cli/*.cpp")):
    # String literals blanked: a word inside a message is not a use.
    lines = [re.sub(r'"(\\.|[^"\\])*"', '""', l) for l in open(path, encoding="utf-8").read().split("\n")]
    for i, line in enumerate(lines):
        for m in re.finditer(r"(\w+)\s*=\s*std::make_shared<", line):
            name = m.group(1)
            uses = [j for j in range(i + 1, min(len(lines), i + 150)) if re.search(rf"\b{name}\b", lines[j])]
            if uses and all(re.search(r"add_(option|flag)", lines[j]) for j in uses):
                found.append(f"{path}:{i + 1}: {name} is bound to an option but no callback keeps it alive")
for f in found:
    print(f)
sys.exit(1 if found else 0)
