# ruff: noqa: E501  (the sentences stay whole, one per line)
"""The core's words, by key, for the wizard: listed for translators and looked up by key.

The core hands the UI keys and values (``explain.Said``), never finished English. This table
gives each key of ``sipalg_wizard.diagnosis.explain.MESSAGES`` (the customer's sentences and the
reports' labels) its English source text, which ``pyside6-lupdate`` finds and puts in the
``CoreWords`` context of each ``.ts`` file; ``words()`` renders a ``Said`` in the user's language,
sentence by sentence, by key, and ``sentence`` is the same lookup for the HTML report saved from
the wizard. A test keeps this table equal to ``MESSAGES`` (re-generate it with
``python -m sipalg_wizard.ui.core_words``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sipalg_wizard.ui.qt import QtCore

if TYPE_CHECKING:  # the core's wording loads when there is something to say, not at start-up
    from sipalg_wizard.diagnosis.explain import Said

CONTEXT = "CoreWords"

# fmt: off  (one sentence per line, as translators see them)
SENTENCES = {
    "headline.alg_detected": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router is changing your phone's call messages."),
    "headline.alg_detected.router": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router ({router}) is changing your phone's call messages."),
    "headline.alg_suspected": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router is probably getting in the way of your calls.'),
    "headline.no_alg_detected": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router lets your phone's calls through unchanged."),
    "headline.inconclusive": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not finish the test yet.'),
    "does.addresses": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router rewrites the addresses inside your phone's call set-up messages."),
    "does.audio": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It even changes where the sound of your calls should go.'),
    "does.audio_only": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router changes where the sound of your calls should go.'),
    "does.damage": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'When it changes a message, your router sometimes damages it. The other side then cannot read it.'),
    "does.proxy": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router also adds, removes or reorders parts of these messages.'),
    "does.proxy_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router adds, removes or reorders parts of your phone's call set-up messages."),
    "does.large": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router loses large call set-up messages. Small ones get through.'),
    "does.blocked": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router, or a firewall, blocks the usual way phones connect for calls.'),
    "does.inbound": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It also changes the replies on their way back to your phone.'),
    "does.inbound_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changes the replies to your phone's call set-up messages on their way back."),
    "does.tcp": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'It does this on every kind of connection your phone can use.'),
    "does.tcp_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changes your phone's call set-up messages on every kind of connection."),
    "does.binding": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router forgets your phone's connection after a short quiet time. Calls from outside then cannot reach your phone."),
    "does.answered": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router also answers some of your phone's call messages itself, so they never reach your phone company."),
    "does.answered_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router answers your phone's call messages itself, so they never reach your phone company."),
    "does.method": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router also blocks some kinds of your phone's messages, such as its sign-in."),
    "does.method_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router blocks some kinds of your phone's messages, such as its sign-in, and lets others through."),
    "does.ack": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router also loses the message that confirms a call was answered.'),
    "does.ack_alone": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router loses the message that confirms a call was answered. The other side then hangs up.'),
    "does.payload": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router changed what was inside your phone's call set-up message on its way out."),
    "does.pinhole": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router watches your phone's calls. It changed nothing in this test, but this feature often causes call problems."),
    "does.name": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This router feature is usually called “SIP ALG”. Turning it off fixes these problems in most cases.'),
    "because.one_way_audio": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why people you call may not hear you, or you may not hear them.'),
    "because.drops_30s": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why calls may drop after about 30 seconds.'),
    "because.registration": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why your phone may show as offline.'),
    "because.inbound_no_ring": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why calls to you may not ring.'),
    "because.transfer_fails": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'That is why transferring or holding a call may fail.'),
    "symptom.one_way_audio": QtCore.QT_TRANSLATE_NOOP("CoreWords", "People you call can't hear you, or you can't hear them."),
    "symptom.drops_30s": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Calls drop after about 30 seconds.'),
    "symptom.registration": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your phone shows as offline or “not registered”.'),
    "symptom.inbound_no_ring": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Calls to you don't ring."),
    "symptom.transfer_fails": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Transferring or holding a call fails.'),
    "clean.tested": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We sent test call messages through your router. They arrived unchanged.'),
    "clean.elsewhere": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'So your router is not damaging your calls. If your calls still have problems, the cause is somewhere else.'),
    "clean.symmetric_nat": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router changes the connection numbers of each connection. That is normal. Some phones need their “keep-alive” setting turned on to work with it.'),
    "clean.nat_mapping_short": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router forgets every quiet connection after a short time. That is not a SIP ALG, but calls to you may not ring unless your phone's “keep-alive” setting is turned on."),
    "why.reflector_unreachable": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not reach the test server, so we could not test your router.'),
    "why.vpn_active": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'A VPN is switched on. The test went through the VPN, not straight through your router.'),
    "why.no_gateway": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This computer is not connected to a network right now.'),
    "why.no_probe_run": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'No test server is set up, so we could not test your router.'),
    "why.control_path_failed": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Even our basic test connection failed. Something else is in the way.'),
    "why.ttl_no_icmp": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The routers past yours did not answer our test message, so we could not see what your router does to calls.'),
    "why.ttl_needs_admin": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Without a test server, the test needs your permission on this computer, so your router has not been tested yet.'),
    "why.ttl_refused": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'You did not give permission for the deeper test, so your router has not been tested yet.'),
    "why.unknown": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The test did not finish, so we cannot tell yet.'),
    "confidence.alg.high": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We are sure: we saw the changes directly.'),
    "confidence.alg.medium": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is likely, but not certain: we saw signs of it, not the changes themselves.'),
    "confidence.clean.high": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We are fairly sure: every test message arrived unchanged.'),
    "confidence.clean.medium": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is likely: the test messages we could send arrived unchanged.'),
    "confidence.low": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We cannot tell yet.'),
    "step.guide": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Turn off the SIP ALG on your router. Follow the steps in “{guide}”.'),
    "step.guide_generic": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Turn off the SIP ALG on your router. The general guide shows the names this setting hides under.'),
    "step.restart": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart the router after the change. Then run the test again.'),
    "step.no_switch": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We know of no way to turn this off on your router.'),
    "step.bridge": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If your router cannot turn it off: put it in bridge mode and use your own router.'),
    "step.isp": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Or ask your internet provider to turn it off for you.'),
    "step.workaround.port_tls": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone on another port ({port}) and when they were encrypted (TLS). Ask your phone provider for a SIP port other than 5060 (for example 5080), or for SIP over TLS.'),
    "step.workaround.port": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone on another port ({port}): it only changes the usual port, 5060. Ask your phone provider for a SIP port other than 5060 (for example 5080).'),
    "step.workaround.tls": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router left our test calls alone when they were encrypted (TLS). Ask your phone provider for SIP over TLS.'),
    "step.pinhole": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Look for the SIP ALG setting on your router and turn it off, to be safe.'),
    "step.nothing": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'There is nothing to change on your router.'),
    "step.support": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If calls still fail, call your support and read out the support code.'),
    "step.keepalive": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If calls still fail: turn on the “keep-alive” setting on your phone.'),
    "step.check_internet": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Check that the internet works: open a website. Then run the test again.'),
    "step.vpn_off": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Switch off your VPN. Then run the test again.'),
    "step.connect": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Connect this computer to your router, with a cable or Wi-Fi. Then run the test again.'),
    "step.ask_server": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Ask your support for the test server address.'),
    "step.type_server": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Type the test server or phone-provider server address your provider gave you, and run the test again.'),
    "step.deeper_test": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Run the deeper test. Your computer will ask for your permission.'),
    "step.firewall": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'If it still fails, a firewall may block the test. Call your support and read out the support code.'),
    "step.retry": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Run the test again. A cable connection gives the clearest result.'),
    "verify.fixed": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Fixed. Your router no longer changes your phone's call messages."),
    "verify.fixed.next": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart the router now if you have not done so yet, then restart your phones. Until then, the router may still change the calls your phones had already set up. Then make a test call to be sure.'),
    "verify.fixed.next_restarted": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Restart your phones, then make a test call to be sure.'),
    "verify.clean": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Still fine. Your router lets your phone's calls through unchanged."),
    "verify.still_there": QtCore.QT_TRANSLATE_NOOP("CoreWords", "Your router still changes your phone's call messages."),
    "verify.still_there.restart": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This is normal right after the change. The router remembers earlier calls for up to an hour. Restart the router, then test again.'),
    "verify.still_there.after_restart": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'The change has not worked. Check that the setting was saved. If your router cannot turn it off, ask your internet provider, or use bridge mode with your own router.'),
    "verify.changed": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Something changed, but your router still changes some call messages.'),
    "verify.inconclusive": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'We could not finish the second test, so we cannot compare yet.'),
    "verify.new": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Your router now changes call messages it did not change before.'),
    "label.report": QtCore.QT_TRANSLATE_NOOP("CoreWords", '{product} — diagnosis report'),
    "label.verdict.alg_detected": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'SIP ALG interference detected'),
    "label.verdict.no_alg_detected": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'No SIP ALG interference seen'),
    "label.verdict.inconclusive": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Inconclusive'),
    "label.what_this_means": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'What this means'),
    "label.explains": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'This explains:'),
    "label.what_to_do": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'What to do'),
    "label.support_code": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Support code'),
    "label.read_out": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Read this out to your support agent'),
    "label.guide_used": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Guide used:'),
    "label.before_after": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Before and after the change'),
    "label.before": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Before: {verdict}'),
    "label.after": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'After: {verdict}'),
    "label.status.fixed": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Fixed'),
    "label.status.still_there": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Still there'),
    "label.status.changed": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Changed'),
    "label.status.inconclusive": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Not tested'),
    "label.second_test_soon": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Second test less than a minute after the first.'),
    "label.second_test": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Second test {minutes} min after the first.'),
    "label.agent": QtCore.QT_TRANSLATE_NOOP("CoreWords", 'Technical details for the support agent'),
}
# fmt: on


def sentence(key: str, values: dict) -> str:
    """One core sentence in the UI's language, found by its key (English when there is no
    translation; a broken translation keeps the English too)."""
    english = SENTENCES.get(key)
    if english is None:  # a sentence newer than this table (a test keeps them equal)
        from sipalg_wizard.diagnosis.explain import MESSAGES

        english = MESSAGES[key]
    try:
        return QtCore.QCoreApplication.translate(CONTEXT, english).format(**values)
    except (KeyError, IndexError, ValueError):
        return english.format(**values)


def words(said: Said) -> str:
    """What the core said, in the UI's language."""
    return said.render(sentence)


if __name__ == "__main__":  # print the SENTENCES table for the current MESSAGES
    from sipalg_wizard.diagnosis.explain import MESSAGES

    for key, value in MESSAGES.items():
        print(f"    \"{key}\": QtCore.QT_TRANSLATE_NOOP(\"CoreWords\", {value!r}),")
