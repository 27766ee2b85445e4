"""The tables the page's JavaScript decoder needs, generated from the Python decoder.

The page keeps no table of its own: the alphabet and look-alikes, the check symbol's per-position
terms, the bit layout, the verdicts, stages, vendors, findings, symptoms, guide hashes, every
label and refusal are read here from ``supportcode``, ``findings`` and ``decodeview``. The JS is
only the algorithm (``resources/agentpage/agent.js``).

The customer's headline and next steps (``decodeview.told``) depend on the findings through
``explain``'s rules. Rather than re-implement those rules in JavaScript, ``told_table()`` *asks*
``told()``: findings that have the same effect on their own fall into one group; for each
verdict, stage and "guide known or not" it tabulates ``told()`` over every combination of groups
present, and drops groups that never change the answer. The page then looks the answer up. The
grouping assumes that within a group one finding or several say the same: ``told_table`` checks
that for every pair, and the tests check random finding sets against ``describe``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from sipalg_wizard import decodeview
from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.diagnosis.explain import GuideRef
from sipalg_wizard.findings import FINDINGS, SYMPTOMS

# Stands for the guide's title in the told sentences; the page puts the real title in its place.
GUIDE_TITLE = "\u0000"
# What the told sentences can depend on about the guide: none, one, one that cannot turn it off.
GUIDE_CLASSES = (None, GuideRef("guide", GUIDE_TITLE), GuideRef("guide", GUIDE_TITLE, can_disable=False))


def guide_class(guide: GuideRef | None) -> int:
    """The index into GUIDE_CLASSES that stands for this guide."""
    return 0 if guide is None else 2 if guide.can_disable is False else 1


class ToldTableError(AssertionError):
    """``told()`` does not follow the grouping (``explain`` gained a rule the table cannot hold)."""


def code_tables(guides: Mapping[str, GuideRef]) -> dict:
    """Everything the decoding algorithm reads, for the known guides (``decodeview.known_guides``)."""
    layouts = {}
    for version, (finding_bits, vendor_bits, guide_bits) in supportcode.LAYOUTS.items():
        hashes: dict[int, list[str]] = {}
        for gid in sorted(guides):
            hashes.setdefault(supportcode.guide_hash(gid, guide_bits), []).append(gid)
        layouts[str(version)] = {
            # low bits first: (name, width); the version is what is left above them
            "fields": [["guide", guide_bits], ["vendor", vendor_bits], ["findings", finding_bits],
                       ["stage", supportcode.STAGE_BITS], ["verdict", 2]],
            "guide_hashes": {str(h): ids for h, ids in hashes.items()},
        }
    coded = FINDINGS[:supportcode.FINDING_BITS]
    return {
        "length": supportcode.LENGTH,
        "ignored": "- ",  # what decode strips before reading
        "alphabet": supportcode.ALPHABET,  # to write a code back in its clean form
        "values": supportcode.symbol_values(),
        "check_terms": supportcode.check_terms(),
        # every version still decoded (supportcode.LAYOUTS): its fields and guide hashes
        "layouts": layouts,
        "version_shift": supportcode.DATA_BITS - 2,  # the version is the top two data bits
        "verdicts": list(supportcode.VERDICTS),
        "stages": list(supportcode.STAGES),
        "vendors": list(supportcode.VENDORS),
        "finding_count": len(FINDINGS),
        "findings": [{"code": f.code, "meaning": f.meaning, "symptoms": list(f.symptoms)}
                     for f in coded],
        "symptoms": [[key, words] for key, words in SYMPTOMS.items()],
        "titles": {gid: ref.title for gid, ref in guides.items()},
        "guide_classes": {gid: guide_class(ref) for gid, ref in guides.items()},
        "errors": dict(supportcode.ERRORS),
        "hint": decodeview.hint(),
        "verdict_labels": dict(decodeview.VERDICT_LABELS),
        "stage_labels": dict(decodeview.STAGE_LABELS),
        "guide_lines": dict(decodeview.GUIDE_LINES),
        "labels": dict(decodeview.LABELS),
        "told": told_table(),
    }


def _told(verdict: str, stage: str, guide: int, findings: tuple[str, ...]) -> tuple:
    return decodeview.told(verdict, stage, findings, GUIDE_CLASSES[guide])


def _contexts():
    return itertools.product(supportcode.VERDICTS, supportcode.STAGES, range(len(GUIDE_CLASSES)))


def finding_groups() -> list[list[str]]:
    """Findings grouped by their effect on ``told()``, alone and beside each other finding.

    Two findings fall into one group when, in every context, each alone and each together with
    any one other finding gives the same answer; then the pairs inside a group are checked (with
    each other group present too) to say the same as one of them.
    """
    coded = [f.code for f in FINDINGS[:supportcode.FINDING_BITS]]
    contexts = list(_contexts())
    besides = [(), *((c,) for c in coded)]
    by_effect: dict[tuple, list[str]] = {}
    for code in coded:
        effect = tuple(_told(v, s, g, tuple(sorted({code, *other})))
                       for v, s, g in contexts for other in besides)
        by_effect.setdefault(effect, []).append(code)
    groups = list(by_effect.values())
    for group in groups:
        others = [(), *((g[0],) for g in groups if g is not group)]
        for a, b in itertools.combinations(group, 2):
            for (v, s, g), other in itertools.product(contexts, others):
                if _told(v, s, g, (a, b, *other)) != _told(v, s, g, (a, *other)):
                    raise ToldTableError(f"{a} and {b} each say the same but not together "
                                         f"({v}, {s}): decodeview.told needs a finer table")
    return groups


def told_table() -> dict:
    """``told()`` for every context and combination of finding groups, minimised.

    ``groups`` are bit masks over the findings; ``contexts["verdict|stage|G"]`` (G: the guide's
    class, GUIDE_CLASSES) names the groups
    that matter there and maps the string of their presence bits ("01") to an index into
    ``answers`` ([headline, [steps]], the guide's title written as GUIDE_TITLE).
    """
    bit = {f.code: i for i, f in enumerate(FINDINGS[:supportcode.FINDING_BITS])}
    groups = finding_groups()
    answers: list = []
    index: dict = {}
    contexts = {}
    for verdict, stage, guide in _contexts():
        table = {}
        for present in itertools.product((0, 1), repeat=len(groups)):
            findings = tuple(group[0] for group, on in zip(groups, present, strict=True) if on)
            table[present] = _told(verdict, stage, guide, findings)
        # A group matters if flipping it alone ever changes the answer.
        used = [i for i in range(len(groups))
                if any(answer != table[(*key[:i], 1 - key[i], *key[i + 1:])]
                       for key, answer in table.items())]
        entries = {}
        for key, answer in table.items():
            if answer not in index:
                index[answer] = len(answers)
                answers.append([answer[0], list(answer[1])])
            entries["".join(str(key[i]) for i in used)] = index[answer]
        contexts[f"{verdict}|{stage}|{guide}"] = {"groups": used, "entries": entries}
    return {"groups": [sum(1 << bit[c] for c in group) for group in groups],
            "group_codes": groups, "contexts": contexts, "answers": answers,
            "guide_title": GUIDE_TITLE}
