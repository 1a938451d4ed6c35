#!/usr/bin/env python3
"""Runs a Dockerfile's build stage without a Docker engine, from exactly the context Docker would send.

    docker/build-stage.py [--dockerfile docker/Dockerfile] [--stage build] [--context .]

1. Reads the ignore file next to the Dockerfile (<Dockerfile>.dockerignore, else .dockerignore in
   the context) and applies Docker's rules: patterns in order, `**`, `*`, `?`, `[...]`, `!` for
   exceptions, the last matching pattern wins, and a pattern matching a folder matches what it holds.
2. Reads the stage's WORKDIR, COPY and RUN instructions (COPY --from=... is another stage's
   business and is refused here; RUN flags such as --mount are dropped, the machine's own Maven
   repository stands in for the cache mount).
3. Copies into a scratch folder exactly what each COPY takes from that context; a COPY whose
   source the context does not hold fails, as `docker build` does.
4. Runs each RUN command there with /bin/sh, and checks that every path a later stage copies
   from this one (COPY --from=<stage> <path>) exists afterwards.

Exit 0 when the stage built; 1 with one line saying what failed otherwise.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


def fail(message):
    print("build-stage: " + message, file=sys.stderr)
    sys.exit(1)


def instructions(dockerfile):
    """(keyword, arguments) pairs, continuation lines joined, comments and parser directives dropped."""
    joined, current = [], ""
    with open(dockerfile, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not current and line.lstrip().startswith("#"):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            if current.strip():
                joined.append(current.strip())
            current = ""
    if current.strip():
        joined.append(current.strip())
    result = []
    for line in joined:
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def split_flags(arguments):
    """Leading --flag=value words, then the rest (shell-split for COPY, raw for RUN)."""
    flags = {}
    rest = arguments
    while rest.startswith("--"):
        word, _, rest = rest.partition(" ")
        name, _, value = word[2:].partition("=")
        flags[name] = value
        rest = rest.lstrip()
    return flags, rest


def pattern_regex(pattern):
    """Docker's ignore-file pattern (moby/patternmatcher) as a regular expression over '/' paths."""
    out, i = "^", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                i += 2
                if pattern.startswith("/", i):
                    i += 1
                    out += "(.*/)?"  # zero or more whole folders
                else:
                    out += ".*"
                continue
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            end = pattern.find("]", i)
            if end < 0:
                out += re.escape(c)
            else:
                out += "[" + pattern[i + 1 : end].replace("\\", "\\\\") + "]"
                i = end
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out + "$")


def ignore_rules(path):
    rules = []
    if not os.path.exists(path):
        return rules
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            exclusion = line.startswith("!")
            if exclusion:
                line = line[1:].strip()
            line = os.path.normpath(line).lstrip("/")
            rules.append((exclusion, pattern_regex(line)))
    return rules


def ignored(relative, rules):
    parents = []
    parts = relative.split("/")
    for n in range(1, len(parts)):
        parents.append("/".join(parts[:n]))
    result = False
    for exclusion, regex in rules:
        if exclusion != result:
            continue  # only a pattern that would change the answer needs testing
        if regex.match(relative) or any(regex.match(p) for p in parents):
            result = not exclusion
    return result


def context_files(context, rules):
    files = set()
    for folder, dirs, names in os.walk(context):
        rel_folder = os.path.relpath(folder, context)
        for name in names:
            relative = name if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/" + name
            if not ignored(relative, rules):
                files.add(relative)
    return files


def copy_into(scratch, workdir, sources, destination, files, context):
    """COPY's rules for plain paths: a file goes to the destination (into it when it ends with '/'
    or several sources are given); a folder's contents go under the destination."""
    target = os.path.join(scratch, os.path.join(workdir, destination).lstrip("/"))
    into_folder = destination.endswith("/") or len(sources) > 1
    for source in sources:
        if any(c in source for c in "*?["):
            fail("COPY %s: wildcards are not supported here" % source)
        src = os.path.normpath(source).lstrip("/")
        if src in files:
            dest = os.path.join(target, os.path.basename(src)) if into_folder else target
            pairs = [(src, dest)]
        else:
            prefix = "" if src == "." else src + "/"
            pairs = [(f, os.path.join(target, f[len(prefix) :])) for f in files if f.startswith(prefix)]
        if not pairs:
            fail("COPY %s: not in the build context (the ignore file or the checkout leaves it out)" % source)
        for f, dest in pairs:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy2(os.path.join(context, f), dest)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dockerfile", default="docker/Dockerfile")
    parser.add_argument("--stage", default="build")
    parser.add_argument("--context", default=".")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()

    context = os.path.abspath(args.context)
    ignore = args.dockerfile + ".dockerignore"
    if not os.path.exists(ignore):
        ignore = os.path.join(context, ".dockerignore")
    rules = ignore_rules(ignore)
    files = context_files(context, rules)

    stage_lines, in_stage, later_copies = [], False, []
    for keyword, arguments in instructions(args.dockerfile):
        if keyword == "FROM":
            in_stage = bool(re.search(r"\bAS\s+" + re.escape(args.stage) + r"$", arguments, re.IGNORECASE))
            continue
        if in_stage:
            stage_lines.append((keyword, arguments))
        elif keyword == "COPY":
            flags, rest = split_flags(arguments)
            if flags.get("from") == args.stage:
                later_copies.append(shlex.split(rest)[0])
    if not stage_lines:
        fail("%s has no stage named '%s'" % (args.dockerfile, args.stage))

    scratch = tempfile.mkdtemp(prefix="colloquy-build-stage-")
    try:
        workdir = "/"
        for keyword, arguments in stage_lines:
            if keyword == "WORKDIR":
                workdir = os.path.join(workdir, arguments)
                os.makedirs(os.path.join(scratch, workdir.lstrip("/")), exist_ok=True)
            elif keyword in ("COPY", "ADD"):
                flags, rest = split_flags(arguments)
                if "from" in flags:
                    fail("COPY --from inside the stage is not supported here: " + arguments)
                words = shlex.split(rest)
                copy_into(scratch, workdir, words[:-1], words[-1], files, context)
            elif keyword == "RUN":
                _, command = split_flags(arguments)
                print("== RUN " + command, flush=True)
                done = subprocess.run(["/bin/sh", "-c", command], cwd=os.path.join(scratch, workdir.lstrip("/")))
                if done.returncode != 0:
                    fail("RUN %s exited with %d" % (command, done.returncode))
            elif keyword in ("ARG", "ENV", "LABEL"):
                continue
            else:
                fail("instruction %s in the build stage is not supported here" % keyword)
        for path in later_copies:
            if not os.path.exists(os.path.join(scratch, path.lstrip("/"))):
                fail("the stage did not produce %s, which a later stage copies" % path)
        print("== stage '%s' of %s built from %d context files" % (args.stage, args.dockerfile, len(files)))
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
