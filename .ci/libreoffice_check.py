"""Fills the self-assessment workbook through its defined names, has LibreOffice recalculate it,
and compares what the workbook shows with `cfc assess`. Called by .ci/libreoffice-check."""
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from xml.sax.saxutils import escape

cfc, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 20:
        print("MISMATCH:", message, file=sys.stderr)


def run(*args, check=True):
    result = subprocess.run(args, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"libreoffice-check FAILED: {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def defined_names(archive):
    """name -> (sheet part, cell reference) for every single-cell defined name."""
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    sheets = {}
    for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"', workbook):
        target = targets[rid]
        target = target[1:] if target.startswith("/") else "xl/" + target
        sheets[unescape(name)] = target
    names = {}
    for attributes, ref in re.findall(r'<definedName ([^>]*)>([^<]+)</definedName>', workbook):
        name = re.search(r'\bname="([^"]+)"', attributes).group(1)
        match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+)", unescape(ref))
        if match:
            sheet = match.group(1).replace("''", "'")
            names[name] = (sheets[sheet], match.group(2) + match.group(3))
    return names


def unescape(text):
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&#39;", "'")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def fill(template, target, values):
    """Copies `template` to `target`, typing `values` (name -> str | int | None) into named cells."""
    with zipfile.ZipFile(template) as source:
        names = defined_names(source)
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    by_part = {}
    for name, value in values.items():
        part, cell = names[name]
        by_part.setdefault(part, {})[cell] = value
    for part, cells in by_part.items():
        xml = parts[part].decode()
        for cell, value in cells.items():
            pattern = re.compile(r'<c r="%s"( s="\d+")?(/>|>.*?</c>)' % cell)
            match = pattern.search(xml)
            if not match:
                sys.exit(f"libreoffice-check FAILED: cell {cell} of {part} not in the template")
            style = match.group(1) or ""
            if value is None:
                new = f'<c r="{cell}"{style}/>'
            elif isinstance(value, int):
                new = f'<c r="{cell}"{style}><v>{value}</v></c>'
            else:
                new = f'<c r="{cell}"{style} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            xml = xml[: match.start()] + new + xml[match.end():]
        parts[part] = xml.encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def cached(path):
    """name -> cached value (str, or int for whole numbers) of every defined name's cell."""
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as archive:
        names = defined_names(archive)
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ET.fromstring(archive.read("xl/sharedStrings.xml"))
            for si in root.iter(MAIN + "si"):
                shared.append("".join(t.text or "" for t in si.iter(MAIN + "t")))
        cells = {}
        for part in set(p for p, _ in names.values()):
            root = ET.fromstring(archive.read(part))
            for c in root.iter(MAIN + "c"):
                kind = c.get("t")
                v = c.find(MAIN + "v")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in c.iter(MAIN + "t"))
                elif v is None:
                    value = None
                elif kind == "s":
                    value = shared[int(v.text)]
                elif kind in ("str", "e"):
                    value = v.text or ""
                elif kind == "b":
                    value = v.text
                else:
                    number = float(v.text)
                    value = int(number) if number == int(number) else number
                cells[(part, c.get("r"))] = value
    return {name: cells.get(place) for name, place in names.items()}


# --- the communes ---------------------------------------------------------------------------------
# The shipped rulebook (whole points, rates in bands, gates) with `count` communes, and a rulebook
# using every newer rule kind (steps, per case, count bands, items met, ranges, points by category,
# decimal points) with a sixth as many, its figures pushed onto the values where points change.
# Two rulebooks with recognition minimums (per criterion, a criterion's own, an indicator's, with
# and without "no criterion at 0", with gates that zero a criterion) get a sixth as many each,
# their figures pushed around the minimums: the verdict must name each minimum not met.
STYLES = "Tests/Fixtures/rulebooks/styles.json"
MINIMUMS = "Tests/Fixtures/rulebooks/minimums.json"
MINIMUMS_GATES = "Tests/Fixtures/rulebooks/minimums-gates.json"
rng = random.Random(2019)


def near(value):
    return max(0, value + rng.randint(-1, 1))


def crowd_styles(evidence):
    """Puts the styles rulebook's figures on, just below or just above where points change."""
    children = rng.choice([0, rng.randint(1, 4000)]) if rng.random() < 0.05 else rng.randint(1, 4000)
    evidence["children"] = max(children, 1)
    step = rng.randint(0, 10)  # 20% + k × 5%
    evidence["children_covered"] = min(evidence["children"], near((20 + 5 * step) * evidence["children"] // 100))
    evidence["participants"] = near(100 * rng.randint(0, 72))
    evidence["incidents"] = rng.randint(0, 5)
    evidence["activities"] = near(rng.randint(0, 2))
    households = 0 if rng.random() < 0.05 else rng.randint(1, 5000)
    evidence["households"] = households
    evidence["households_reached"] = min(households, near(rng.choice([10, 20]) * households // 100))
    for item in ("item_a", "item_b", "item_c"):
        evidence[item] = rng.random() < 0.6
    if evidence["incidents"] > evidence["children"]:
        evidence["incidents"] = evidence["children"]


def crowd_minimums(evidence):
    """Puts the minimums rulebooks' figures on the bands and steps around their minimums."""
    children = rng.randint(1, 500)
    evidence["children"] = children
    evidence["births_registered"] = min(children, near(rng.choice([60, 80, 90, 100]) * children // 100))
    evidence["children_vaccinated"] = min(children, near(rng.choice([50, 60, 70, 80, 100]) * children // 100))
    evidence["unsafe_sites"] = rng.choice([0, 0, 1, 2, 3])
    evidence["officer_assigned"] = rng.random() < 0.85
    evidence["forum_held"] = rng.random() < 0.8
    evidence["club_active"] = rng.random() < 0.75
    if "child_injuries" in evidence:
        evidence["child_injuries"] = 0 if rng.random() < 0.8 else rng.randint(1, 2)
        evidence["forum_reported"] = rng.random() < 0.85


def communes(rulebook, how_many, crowd):
    """Generated records of `rulebook`, some figures left out (a missing figure must read
    "chưa có số liệu", never 0)."""
    result = []
    args = [cfc, "generate", str(how_many), "--format", "jsonl", "--seed", "6"]
    if rulebook:
        args += ["--rulebook", rulebook]
    for line in run(*args).stdout.splitlines():
        record = json.loads(line)
        evidence = record["evidence"]
        if crowd:
            crowd(evidence)
        if rng.random() < 0.3:
            for field in rng.sample(sorted(evidence), rng.randint(1, 3)):
                del evidence[field]
        result.append(record)
    return result


rulebooks = [(None, "criteria/qd06-2019.json", communes(None, count, None)),
             (STYLES, STYLES, communes(STYLES, max(count // 6, 30), crowd_styles)),
             (MINIMUMS, MINIMUMS, communes(MINIMUMS, max(count // 6, 30), crowd_minimums)),
             (MINIMUMS_GATES, MINIMUMS_GATES, communes(MINIMUMS_GATES, max(count // 6, 30), crowd_minimums))]
languages = ["vi", "en"]
filled_dir = os.path.join(work, "filled")
recalculated_dir = os.path.join(work, "recalculated")
os.makedirs(filled_dir)
os.makedirs(recalculated_dir)
expected = []
started = time.time()
for book_index, (rulebook, path, records) in enumerate(rulebooks):
    option = ["--rulebook", rulebook] if rulebook else []
    templates = {}
    for language in languages:
        templates[language] = os.path.join(work, f"template-{book_index}-{language}.xlsx")
        run(cfc, "template", "--format", "xlsx", "--lang", language, "-o", templates[language], *option)
    # The category as the template's list offers it: the rulebook's wording in that language.
    with open(path, encoding="utf-8") as handle:
        categories = {c["id"]: c["name"] for c in json.load(handle)["categories"]}
    for index, record in enumerate(records):
        language = languages[index % 2]
        name = f"book{book_index}-commune-{index:04d}"
        record_path = os.path.join(work, name + ".json")
        with open(record_path, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
        assessment = json.loads(
            run(cfc, "assess", record_path, "--format", "json", "--no-path", "--lang", language,
                *option).stdout)
        expected.append((name + ".xlsx", language, assessment, option))
        commune = record["commune"]
        values = {
            "cfc_code": commune["code"], "cfc_name": commune["name"],
            "cfc_district": commune.get("district"), "cfc_province": commune["province"],
            "cfc_category": categories[commune["category"]][language], "cfc_year": record["year"],
        }
        for field, value in record["evidence"].items():
            if isinstance(value, bool):
                value = ("có" if value else "không") if language == "vi" else ("yes" if value else "no")
            values["cfc_" + field] = value
        fill(templates[language], os.path.join(filled_dir, name + ".xlsx"), values)
print(f"== {len(expected)} workbooks of {len(rulebooks)} rulebooks filled through their defined names ({time.time() - started:.0f} s)")

# --- LibreOffice recalculates -----------------------------------------------------------------------
# LibreOffice does not recalculate an xlsx on load by default (it trusts the cached values): a
# profile sets "Recalculation on file load" to always, for Excel 2007+ and ODF files.
profile = os.path.join(work, "lo-profile")
os.makedirs(os.path.join(profile, "user"))
with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as handle:
    handle.write("""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
""")
started = time.time()
files = sorted(os.listdir(filled_dir))
batch = 100
for start in range(0, len(files), batch):
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", recalculated_dir]
        + [os.path.join(filled_dir, name) for name in files[start:start + batch]],
        capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        sys.exit(f"libreoffice-check FAILED: soffice exited {result.returncode}: {result.stderr}")
converted = sorted(os.listdir(recalculated_dir))
if converted != files:
    sys.exit(f"libreoffice-check FAILED: LibreOffice converted {len(converted)} of {len(files)} workbooks")
print(f"== LibreOffice recalculated {len(converted)} workbooks ({time.time() - started:.0f} s)")

# --- What LibreOffice shows against what cfc says ------------------------------------------------------
missing_words = {"chưa có số liệu", "no data yet"}
MINIMUM_KINDS = {"criterion": ("dưới mức tối thiểu", "below the minimum of"),
                 "indicator": ("dưới điểm tối thiểu", "below its minimum of")}
MINIMUM_WORDS = MINIMUM_KINDS["criterion"] + MINIMUM_KINDS["indicator"]
named_minimums = {}
kinds = set()
statuses = {}
decimals = 0
for name, language, assessment, _ in expected:
    if isinstance(assessment["total"], float):
        decimals += 1
    shown = cached(os.path.join(recalculated_dir, name))
    statuses[assessment["status"]] = statuses.get(assessment["status"], 0) + 1
    for criterion in assessment["criteria"]:
        value = shown.get("cfc_" + criterion["id"])
        want = criterion["points"]
        if (want is None and value not in missing_words) or (want is not None and value != want):
            fail(f"{name}: cfc_{criterion['id']} shows {value!r}, cfc assess says {want!r}")
        for indicator in criterion["indicators"]:
            key = "cfc_" + indicator["id"].replace(".", "_")
            value = shown.get(key)
            want = indicator["points"]
            if (want is None and not isinstance(value, str)) or (want is not None and value != want):
                fail(f"{name}: {key} shows {value!r}, cfc assess says {want!r}")
    if shown.get("cfc_total") != assessment["total"]:
        fail(f"{name}: cfc_total shows {shown.get('cfc_total')!r}, cfc assess says {assessment['total']}")
    if shown.get("cfc_threshold") != assessment["threshold"]:
        fail(f"{name}: cfc_threshold shows {shown.get('cfc_threshold')!r}, cfc assess says {assessment['threshold']}")
    if shown.get("cfc_status") != assessment["status"]:
        fail(f"{name}: cfc_status shows {shown.get('cfc_status')!r}, cfc assess says {assessment['status']}")
    verdict = shown.get("cfc_verdict") or ""
    words = {"recognized": ("ĐẠT", "RECOGNISED"), "not_recognized": ("KHÔNG ĐẠT", "NOT RECOGNISED"),
             "incomplete": ("CHƯA ĐỦ SỐ LIỆU", "INCOMPLETE")}[assessment["status"]]
    if not verdict.startswith(words[0 if language == "vi" else 1]):
        fail(f"{name}: cfc_verdict shows {verdict!r} for status {assessment['status']}")
    # Each minimum not met is named in the verdict with the engine's own sentence, in its order.
    minimums = [r for r in assessment["reasons"] if any(m in r for m in MINIMUM_WORDS)]
    if minimums:
        named_minimums[assessment["status"]] = named_minimums.get(assessment["status"], 0) + 1
        for reason in minimums:
            kinds.add(next(kind for kind, words in MINIMUM_KINDS.items() if any(w in reason for w in words)))
        if not verdict.endswith(": " + "; ".join(minimums)):
            fail(f"{name}: cfc_verdict shows {verdict!r}, cfc assess names the minimums {minimums!r}")
    elif any(m in verdict for m in MINIMUM_WORDS):
        fail(f"{name}: cfc_verdict shows {verdict!r}, but cfc assess names no minimum")
print(f"== compared every indicator, criterion, total, threshold and verdict: {statuses}; {decimals} totals with decimals; "
      f"verdicts naming minimums not met: {named_minimums}")

# --- cfc assess of each recalculated workbook equals the assessment of the same figures as JSON ----------
def comparable(assessment):
    assessment = dict(assessment)
    assessment.pop("input", None)
    assessment.pop("workbook", None)
    return assessment

for name, language, assessment, option in expected:
    result = run(cfc, "assess", os.path.join(recalculated_dir, name), "--format", "json", "--no-path",
                 "--lang", language, *option, check=False)
    if result.returncode != 0:
        fail(f"{name}: cfc assess exited {result.returncode}: {result.stderr.strip()}")
        continue
    from_workbook = json.loads(result.stdout)
    if comparable(from_workbook) != comparable(assessment):
        fail(f"{name}: cfc assess of the workbook differs from the JSON record's assessment")
    if not from_workbook.get("workbook", {}).get("agrees"):
        fail(f"{name}: cfc assess says the recalculated workbook disagrees: {from_workbook.get('workbook')}")

# A workbook filled but never recalculated still holds the blank template's results: cfc says so.
stale = json.loads(run(cfc, "assess", os.path.join(filled_dir, files[0]), "--format", "json", "--no-path").stdout)
if stale.get("workbook", {}).get("agrees") is not False:
    fail("cfc assess did not notice that a workbook was never recalculated")

if len(statuses) < 3:
    fail(f"the sample does not reach every verdict: {statuses}")
if sum(named_minimums.values()) < 10 or len(named_minimums) < 2 or len(kinds) < 2:
    fail(f"minimums hardly checked: verdicts naming them by status {named_minimums}, kinds {sorted(kinds)}")
if decimals < 5:
    fail(f"only {decimals} totals have a decimal part: the decimal points were hardly checked")
if failures:
    print(f"libreoffice-check FAILED: {len(failures)} mismatches", file=sys.stderr)
    sys.exit(1)
print(f"libreoffice-check passed: {len(expected)} communes, LibreOffice shows exactly what cfc assess says")
