# ruff: noqa: E501  (the sentences stay whole, one per line)
"""The core's customer sentences (``sipalg_wizard.explain.MESSAGES``) listed for translators.

The core writes English (no Qt there); ``pyside6-lupdate`` finds these entries and puts them in
the ``CoreWords`` context of each ``.ts`` file; ``translate()`` turns what ``explain()`` and
``verify`` produced into the user's language, sentence by sentence. A test keeps this list equal
to ``MESSAGES`` (re-generate it with ``python -m sipalg_wizard.ui.core_words``).
"""

from __future__ import annotations

import re
from functools import cache

from sipalg_wizard.ui.qt import QtCore

CONTEXT = "CoreWords"

# fmt: off  (one sentence per line, as translators see them)
SENTENCES = (
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router is changing your phone's call messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router ({router}) is changing your phone's call messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router is probably getting in the way of your calls.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router lets your phone's calls through unchanged."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not finish the test yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router rewrites the addresses inside your phone's call set-up messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It even changes where the sound of your calls should go.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router changes where the sound of your calls should go.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'When it changes a message, your router sometimes damages it. The other side then cannot read it.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router also adds, removes or reorders parts of these messages.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router adds, removes or reorders parts of your phone's call set-up messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router loses large call set-up messages. Small ones get through.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router, or a firewall, blocks the usual way phones connect for calls.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It also changes the replies on their way back to your phone.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changes the replies to your phone's call set-up messages on their way back."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It does this on every kind of connection your phone can use.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changes your phone's call set-up messages on every kind of connection."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router forgets your phone's connection after a short quiet time. Calls from outside then cannot reach your phone."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router also answers some of your phone's call messages itself, so they never reach your phone company."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router answers your phone's call messages itself, so they never reach your phone company."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router also blocks some kinds of your phone's messages, such as its sign-in."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router blocks some kinds of your phone's messages, such as its sign-in, and lets others through."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router also loses the message that confirms a call was answered.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router loses the message that confirms a call was answered. The other side then hangs up.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changed what was inside your phone's call set-up message on its way out."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router watches your phone's calls. It changed nothing in this test, but this feature often causes call problems."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This router feature is usually called “SIP ALG”. Turning it off fixes these problems in most cases.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why people you call may not hear you, or you may not hear them.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why calls may drop after about 30 seconds.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why your phone may show as offline.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why calls to you may not ring.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why transferring or holding a call may fail.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "People you call can't hear you, or you can't hear them."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Calls drop after about 30 seconds.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your phone shows as offline or “not registered”.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Calls to you don't ring."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Transferring or holding a call fails.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We sent test call messages through your router. They arrived unchanged.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'So your router is not damaging your calls. If your calls still have problems, the cause is somewhere else.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router changes the connection numbers of each connection. That is normal. Some phones need their “keep-alive” setting turned on to work with it.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router forgets every quiet connection after a short time. That is not a SIP ALG, but calls to you may not ring unless your phone's “keep-alive” setting is turned on."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not reach the test server, so we could not test your router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'A VPN is switched on. The test went through the VPN, not straight through your router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This computer is not connected to a network right now.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'No test server is set up, so we could not test your router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Even our basic test connection failed. Something else is in the way.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The routers past yours did not answer our test message, so we could not see what your router does to calls.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Without a test server, the test needs your permission on this computer, so your router has not been tested yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'You did not give permission for the deeper test, so your router has not been tested yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The test did not finish, so we cannot tell yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We are sure: we saw the changes directly.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is likely, but not certain: we saw signs of it, not the changes themselves.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We are fairly sure: every test message arrived unchanged.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is likely: the test messages we could send arrived unchanged.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We cannot tell yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Turn off the SIP ALG on your router. Follow the steps in “{guide}”.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Turn off the SIP ALG on your router. The general guide shows the names this setting hides under.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart the router after the change. Then run the test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router has no way to turn this off.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If your router cannot turn it off: put it in bridge mode and use your own router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Or ask your internet provider to turn it off for you.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone on another port ({port}) and when they were encrypted (TLS). Ask your phone provider for a SIP port other than 5060 (for example 5080), or for SIP over TLS.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone on another port ({port}): it only changes the usual port, 5060. Ask your phone provider for a SIP port other than 5060 (for example 5080).'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone when they were encrypted (TLS). Ask your phone provider for SIP over TLS.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Look for the SIP ALG setting on your router and turn it off, to be safe.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'There is nothing to change on your router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If calls still fail, call your support and read out the support code.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If calls still fail: turn on the “keep-alive” setting on your phone.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Check that the internet works: open a website. Then run the test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Switch off your VPN. Then run the test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Connect this computer to your router, with a cable or Wi-Fi. Then run the test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Ask your support for the test server address.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Type the test server or phone-provider server address your provider gave you, and run the test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Run the deeper test. Your computer will ask for your permission.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If it still fails, a firewall may block the test. Call your support and read out the support code.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Run the test again. A cable connection gives the clearest result.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Fixed. Your router no longer changes your phone's call messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart the router now if you have not done so yet, then restart your phones. Until then, the router may still change the calls your phones had already set up. Then make a test call to be sure.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart your phones, then make a test call to be sure.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Still fine. Your router lets your phone's calls through unchanged."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router still changes your phone's call messages."),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is normal right after the change. The router remembers earlier calls for up to an hour. Restart the router, then test again.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The change has not worked. Check that the setting was saved. If your router cannot turn it off, ask your internet provider, or use bridge mode with your own router.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Something changed, but your router still changes some call messages.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not finish the second test, so we cannot compare yet.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router now changes call messages it did not change before.'),
)
# The reports' headings and labels (``label.*``), for the HTML report saved from the wizard.
LABELS = (
    QtCore.QT_TRANSLATE_NOOP("CoreWords", '{product} — diagnosis report'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'SIP ALG interference detected'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'No SIP ALG interference seen'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Inconclusive'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'What this means'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This explains:'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'What to do'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Support code'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Read this out to your support agent'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Guide used:'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Before and after the change'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Before: {verdict}'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'After: {verdict}'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Fixed'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Still there'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Changed'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Not tested'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Second test less than a minute after the first.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Second test {minutes} min after the first.'),
    QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Technical details for the support agent'),
)
# fmt: on


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each English sentence as a pattern (``{router}`` matches any text), longest first."""
    out = []
    for sentence in SENTENCES + LABELS:
        parts = re.split(r"\{(\w+)\}", sentence)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                        for i, p in enumerate(parts))
        out.append((sentence, re.compile(regex + r"(?:\s+|$)")))
    return sorted(out, key=lambda item: -len(item[0]))


def translate(text: str) -> str:
    """``text`` (one or more core sentences, as ``explain`` joined them) in the UI's language;
    unchanged when a part is not a known sentence or no translation is installed."""
    whole = text.strip()
    for sentence, pattern in _patterns():  # one sentence or label, e.g. "Before: {verdict}" with
        found = pattern.fullmatch(whole)   # a value of several words: it must reach the end
        if found and not found.group(0).endswith((" ", "\t", "\n")):
            words = QtCore.QCoreApplication.translate(CONTEXT, sentence)
            try:
                return words.format(**found.groupdict())
            except (KeyError, IndexError, ValueError):  # a broken translation: keep English
                return whole
    out, rest = [], whole
    while rest:
        for sentence, pattern in _patterns():
            found = pattern.match(rest)
            if found:
                words = QtCore.QCoreApplication.translate(CONTEXT, sentence)
                try:
                    out.append(words.format(**found.groupdict()))
                except (KeyError, IndexError, ValueError):  # a broken translation: keep English
                    out.append(found.group(0).strip())
                rest = rest[found.end():]
                break
        else:
            return text
    return " ".join(out)


if __name__ == "__main__":  # print the SENTENCES block (then, with --labels, the LABELS block)
    import sys

    from sipalg_wizard.explain import MESSAGES

    labels = "--labels" in sys.argv
    for key, value in MESSAGES.items():
        if key.startswith("label.") == labels:
            print(f"    QtCore.QT_TRANSLATE_NOOP(\"CoreWords\", {value!r}),")
