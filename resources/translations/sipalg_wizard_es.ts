<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>App</name>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="109"/>
        <source>The settings file has a problem</source>
        <translation>El archivo de configuración tiene un problema</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="110"/>
        <source>The wizard cannot start because its settings file (profile) could not be used.</source>
        <translation>El asistente no puede iniciarse porque no se pudo usar su archivo de configuración (perfil).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="114"/>
        <source>Settings file problem</source>
        <translation>Problema en el archivo de configuración</translation>
    </message>
</context>
<context>
    <name>CoreWords</name>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="26"/>
        <source>Your router is changing your phone&apos;s call messages.</source>
        <translation>Su router está cambiando los mensajes de llamada de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="27"/>
        <source>Your router ({router}) is changing your phone&apos;s call messages.</source>
        <translation>Su router ({router}) está cambiando los mensajes de llamada de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="28"/>
        <source>Your router is probably getting in the way of your calls.</source>
        <translation>Probablemente su router está interfiriendo en sus llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="29"/>
        <source>Your router lets your phone&apos;s calls through unchanged.</source>
        <translation>Su router deja pasar las llamadas de su teléfono sin cambios.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="30"/>
        <source>We could not finish the test yet.</source>
        <translation>Todavía no pudimos terminar la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="31"/>
        <source>Your router rewrites the addresses inside your phone&apos;s call set-up messages.</source>
        <translation>Su router reescribe las direcciones dentro de los mensajes con los que su teléfono inicia las llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="32"/>
        <source>It even changes where the sound of your calls should go.</source>
        <translation>Incluso cambia adónde debe ir el sonido de sus llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="33"/>
        <source>Your router changes where the sound of your calls should go.</source>
        <translation>Su router cambia adónde debe ir el sonido de sus llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="34"/>
        <source>When it changes a message, your router sometimes damages it. The other side then cannot read it.</source>
        <translation>Cuando cambia un mensaje, a veces su router lo estropea. Entonces el otro lado no puede leerlo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="35"/>
        <source>Your router also adds, removes or reorders parts of these messages.</source>
        <translation>Su router también añade, quita o reordena partes de estos mensajes.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="36"/>
        <source>Your router adds, removes or reorders parts of your phone&apos;s call set-up messages.</source>
        <translation>Su router añade, quita o reordena partes de los mensajes con los que su teléfono inicia las llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="37"/>
        <source>Your router loses large call set-up messages. Small ones get through.</source>
        <translation>Su router pierde los mensajes grandes de inicio de llamada. Los pequeños pasan.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="38"/>
        <source>Your router, or a firewall, blocks the usual way phones connect for calls.</source>
        <translation>Su router, o un cortafuegos, bloquea la vía habitual por la que los teléfonos se conectan para llamar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="39"/>
        <source>It also changes the replies on their way back to your phone.</source>
        <translation>También cambia las respuestas en su camino de vuelta a su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="40"/>
        <source>Your router changes the replies to your phone&apos;s call set-up messages on their way back.</source>
        <translation>Su router cambia las respuestas a los mensajes de inicio de llamada de su teléfono en su camino de vuelta.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="41"/>
        <source>It does this on every kind of connection your phone can use.</source>
        <translation>Lo hace en todos los tipos de conexión que su teléfono puede usar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="42"/>
        <source>Your router changes your phone&apos;s call set-up messages on every kind of connection.</source>
        <translation>Su router cambia los mensajes de inicio de llamada de su teléfono en todos los tipos de conexión.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="43"/>
        <source>Your router forgets your phone&apos;s connection after a short quiet time. Calls from outside then cannot reach your phone.</source>
        <translation>Su router olvida la conexión de su teléfono tras un rato sin actividad. Entonces las llamadas de fuera no pueden llegar a su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="44"/>
        <source>Your router also answers some of your phone&apos;s call messages itself, so they never reach your phone company.</source>
        <translation>Su router además responde él mismo a algunos mensajes de llamada de su teléfono, así que nunca llegan a su compañía telefónica.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="45"/>
        <source>Your router answers your phone&apos;s call messages itself, so they never reach your phone company.</source>
        <translation>Su router responde él mismo a los mensajes de llamada de su teléfono, así que nunca llegan a su compañía telefónica.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="46"/>
        <source>Your router also blocks some kinds of your phone&apos;s messages, such as its sign-in.</source>
        <translation>Su router además bloquea algunos tipos de mensajes de su teléfono, como su registro.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="47"/>
        <source>Your router blocks some kinds of your phone&apos;s messages, such as its sign-in, and lets others through.</source>
        <translation>Su router bloquea algunos tipos de mensajes de su teléfono, como su registro, y deja pasar otros.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="48"/>
        <source>Your router also loses the message that confirms a call was answered.</source>
        <translation>Su router además pierde el mensaje que confirma que se contestó una llamada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="49"/>
        <source>Your router loses the message that confirms a call was answered. The other side then hangs up.</source>
        <translation>Su router pierde el mensaje que confirma que se contestó una llamada. Entonces el otro lado cuelga.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="50"/>
        <source>Your router changed what was inside your phone&apos;s call set-up message on its way out.</source>
        <translation>Su router cambió el contenido del mensaje de inicio de llamada de su teléfono al salir.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="51"/>
        <source>Your router watches your phone&apos;s calls. It changed nothing in this test, but this feature often causes call problems.</source>
        <translation>Su router vigila las llamadas de su teléfono. No cambió nada en esta prueba, pero esta función causa a menudo problemas en las llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="52"/>
        <source>This router feature is usually called “SIP ALG”. Turning it off fixes these problems in most cases.</source>
        <translation>Esta función del router suele llamarse «SIP ALG». Desactivarla soluciona estos problemas en la mayoría de los casos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="53"/>
        <source>That is why people you call may not hear you, or you may not hear them.</source>
        <translation>Por eso puede que las personas a las que llama no le oigan, o que usted no las oiga.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="54"/>
        <source>That is why calls may drop after about 30 seconds.</source>
        <translation>Por eso las llamadas pueden cortarse a los 30 segundos más o menos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="55"/>
        <source>That is why your phone may show as offline.</source>
        <translation>Por eso su teléfono puede aparecer como desconectado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="56"/>
        <source>That is why calls to you may not ring.</source>
        <translation>Por eso puede que las llamadas que recibe no suenen.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="57"/>
        <source>That is why transferring or holding a call may fail.</source>
        <translation>Por eso puede fallar transferir o poner en espera una llamada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="58"/>
        <source>People you call can&apos;t hear you, or you can&apos;t hear them.</source>
        <translation>Las personas a las que llama no le oyen, o usted no las oye.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="59"/>
        <source>Calls drop after about 30 seconds.</source>
        <translation>Las llamadas se cortan a los 30 segundos más o menos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="60"/>
        <source>Your phone shows as offline or “not registered”.</source>
        <translation>Su teléfono aparece como desconectado o «no registrado».</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="61"/>
        <source>Calls to you don&apos;t ring.</source>
        <translation>Las llamadas que recibe no suenan.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="62"/>
        <source>Transferring or holding a call fails.</source>
        <translation>Falla transferir o poner en espera una llamada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="63"/>
        <source>We sent test call messages through your router. They arrived unchanged.</source>
        <translation>Enviamos mensajes de llamada de prueba a través de su router. Llegaron sin cambios.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="64"/>
        <source>So your router is not damaging your calls. If your calls still have problems, the cause is somewhere else.</source>
        <translation>Así que su router no está estropeando sus llamadas. Si sus llamadas siguen teniendo problemas, la causa está en otra parte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="65"/>
        <source>Your router changes the connection numbers of each connection. That is normal. Some phones need their “keep-alive” setting turned on to work with it.</source>
        <translation>Su router cambia los números de cada conexión. Es normal. Algunos teléfonos necesitan activar su ajuste «keep-alive» para funcionar con él.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="66"/>
        <source>Your router forgets every quiet connection after a short time. That is not a SIP ALG, but calls to you may not ring unless your phone&apos;s “keep-alive” setting is turned on.</source>
        <translation>Su router olvida todas las conexiones sin actividad al poco tiempo. Eso no es un SIP ALG, pero puede que las llamadas a usted no suenen si no activa el ajuste “keep-alive” de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="67"/>
        <source>We could not reach the test server, so we could not test your router.</source>
        <translation>No pudimos llegar al servidor de prueba, así que no pudimos probar su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="68"/>
        <source>A VPN is switched on. The test went through the VPN, not straight through your router.</source>
        <translation>Hay una VPN activada. La prueba pasó por la VPN y no directamente por su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="69"/>
        <source>This computer is not connected to a network right now.</source>
        <translation>Este ordenador no está conectado a ninguna red ahora mismo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="70"/>
        <source>No test server is set up, so we could not test your router.</source>
        <translation>No hay ningún servidor de prueba configurado, así que no pudimos probar su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="71"/>
        <source>Even our basic test connection failed. Something else is in the way.</source>
        <translation>Incluso nuestra conexión de prueba básica falló. Hay algo más en medio.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="72"/>
        <source>The routers past yours did not answer our test message, so we could not see what your router does to calls.</source>
        <translation>Los routers después del suyo no respondieron a nuestro mensaje de prueba, así que no pudimos ver qué hace su router con las llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="73"/>
        <source>Without a test server, the test needs your permission on this computer, so your router has not been tested yet.</source>
        <translation>Sin un servidor de prueba, la prueba necesita su permiso en este ordenador, así que su router todavía no se ha probado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="74"/>
        <source>You did not give permission for the deeper test, so your router has not been tested yet.</source>
        <translation>No dio permiso para la prueba a fondo, así que su router todavía no se ha probado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="75"/>
        <source>The test did not finish, so we cannot tell yet.</source>
        <translation>La prueba no terminó, así que todavía no lo sabemos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="76"/>
        <source>We are sure: we saw the changes directly.</source>
        <translation>Estamos seguros: vimos los cambios directamente.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="77"/>
        <source>This is likely, but not certain: we saw signs of it, not the changes themselves.</source>
        <translation>Es probable, pero no seguro: vimos indicios, no los cambios en sí.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="78"/>
        <source>We are fairly sure: every test message arrived unchanged.</source>
        <translation>Estamos bastante seguros: todos los mensajes de prueba llegaron sin cambios.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="79"/>
        <source>This is likely: the test messages we could send arrived unchanged.</source>
        <translation>Es probable: los mensajes de prueba que pudimos enviar llegaron sin cambios.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="80"/>
        <source>We cannot tell yet.</source>
        <translation>Todavía no lo sabemos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="81"/>
        <source>Turn off the SIP ALG on your router. Follow the steps in “{guide}”.</source>
        <translation>Desactive SIP ALG en su router. Siga los pasos de «{guide}».</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="82"/>
        <source>Turn off the SIP ALG on your router. The general guide shows the names this setting hides under.</source>
        <translation>Desactive SIP ALG en su router. La guía general muestra los nombres con los que se esconde este ajuste.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="83"/>
        <source>Restart the router after the change. Then run the test again.</source>
        <translation>Reinicie el router después del cambio. Luego repita la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="84"/>
        <source>We know of no way to turn this off on your router.</source>
        <translation>No conocemos ninguna forma de desactivar esto en su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="85"/>
        <source>If your router cannot turn it off: put it in bridge mode and use your own router.</source>
        <translation>Si su router no puede desactivarlo: póngalo en modo puente y use su propio router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="86"/>
        <source>Or ask your internet provider to turn it off for you.</source>
        <translation>O pida a su proveedor de internet que lo desactive.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="87"/>
        <source>Your router left our test calls alone on another port ({port}) and when they were encrypted (TLS). Ask your phone provider for a SIP port other than 5060 (for example 5080), or for SIP over TLS.</source>
        <translation>Su router no tocó nuestras llamadas de prueba en otro puerto ({port}) ni cuando iban cifradas (TLS). Pida a su proveedor de telefonía un puerto SIP distinto de 5060 (por ejemplo 5080) o SIP sobre TLS.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="88"/>
        <source>Your router left our test calls alone on another port ({port}): it only changes the usual port, 5060. Ask your phone provider for a SIP port other than 5060 (for example 5080).</source>
        <translation>Su router no tocó nuestras llamadas de prueba en otro puerto ({port}): solo cambia el puerto habitual, 5060. Pida a su proveedor de telefonía un puerto SIP distinto de 5060 (por ejemplo 5080).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="89"/>
        <source>Your router left our test calls alone when they were encrypted (TLS). Ask your phone provider for SIP over TLS.</source>
        <translation>Su router no tocó nuestras llamadas de prueba cuando iban cifradas (TLS). Pida a su proveedor de telefonía SIP sobre TLS.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="90"/>
        <source>Look for the SIP ALG setting on your router and turn it off, to be safe.</source>
        <translation>Busque el ajuste SIP ALG en su router y desactívelo, por si acaso.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="91"/>
        <source>There is nothing to change on your router.</source>
        <translation>No hay nada que cambiar en su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="92"/>
        <source>If calls still fail, call your support and read out the support code.</source>
        <translation>Si las llamadas siguen fallando, llame a su soporte y léales el código de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="93"/>
        <source>If calls still fail: turn on the “keep-alive” setting on your phone.</source>
        <translation>Si las llamadas siguen fallando: active el ajuste «keep-alive» de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="94"/>
        <source>Check that the internet works: open a website. Then run the test again.</source>
        <translation>Compruebe que internet funciona: abra una página web. Luego repita la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="95"/>
        <source>Switch off your VPN. Then run the test again.</source>
        <translation>Desactive su VPN. Luego repita la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="96"/>
        <source>Connect this computer to your router, with a cable or Wi-Fi. Then run the test again.</source>
        <translation>Conecte este ordenador a su router, con cable o por Wi-Fi. Luego repita la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="97"/>
        <source>Ask your support for the test server address.</source>
        <translation>Pida a su soporte la dirección del servidor de prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="98"/>
        <source>Type the test server or phone-provider server address your provider gave you, and run the test again.</source>
        <translation>Escriba la dirección del servidor de prueba o del servidor de telefonía que le dio su proveedor y repita la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="99"/>
        <source>Run the deeper test. Your computer will ask for your permission.</source>
        <translation>Haga la prueba a fondo. Su ordenador le pedirá permiso.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="100"/>
        <source>If it still fails, a firewall may block the test. Call your support and read out the support code.</source>
        <translation>Si sigue fallando, puede que un cortafuegos bloquee la prueba. Llame a su soporte y léales el código de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="101"/>
        <source>Run the test again. A cable connection gives the clearest result.</source>
        <translation>Repita la prueba. Una conexión por cable da el resultado más claro.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="102"/>
        <source>Fixed. Your router no longer changes your phone&apos;s call messages.</source>
        <translation>Solucionado. Su router ya no cambia los mensajes de llamada de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="103"/>
        <source>Restart the router now if you have not done so yet, then restart your phones. Until then, the router may still change the calls your phones had already set up. Then make a test call to be sure.</source>
        <translation>Reinicie ahora el router si aún no lo ha hecho, y luego reinicie sus teléfonos. Hasta entonces, el router puede seguir cambiando las llamadas que sus teléfonos ya habían iniciado. Después haga una llamada de prueba para estar seguro.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="104"/>
        <source>Restart your phones, then make a test call to be sure.</source>
        <translation>Reinicie sus teléfonos y haga una llamada de prueba para estar seguro.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="105"/>
        <source>Still fine. Your router lets your phone&apos;s calls through unchanged.</source>
        <translation>Sigue bien. Su router deja pasar las llamadas de su teléfono sin cambios.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="106"/>
        <source>Your router still changes your phone&apos;s call messages.</source>
        <translation>Su router sigue cambiando los mensajes de llamada de su teléfono.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="107"/>
        <source>This is normal right after the change. The router remembers earlier calls for up to an hour. Restart the router, then test again.</source>
        <translation>Es normal justo después del cambio. El router recuerda las llamadas anteriores hasta una hora. Reinicie el router y vuelva a probar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="108"/>
        <source>The change has not worked. Check that the setting was saved. If your router cannot turn it off, ask your internet provider, or use bridge mode with your own router.</source>
        <translation>El cambio no ha funcionado. Compruebe que el ajuste se guardó. Si su router no puede desactivarlo, pregunte a su proveedor de internet o use el modo puente con su propio router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="109"/>
        <source>Something changed, but your router still changes some call messages.</source>
        <translation>Algo cambió, pero su router sigue cambiando algunos mensajes de llamada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="110"/>
        <source>We could not finish the second test, so we cannot compare yet.</source>
        <translation>No pudimos terminar la segunda prueba, así que todavía no podemos comparar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="111"/>
        <source>Your router now changes call messages it did not change before.</source>
        <translation>Su router ahora cambia mensajes de llamada que antes no cambiaba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="112"/>
        <source>{product} — diagnosis report</source>
        <translation>{product} — informe de diagnóstico</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="113"/>
        <source>SIP ALG interference detected</source>
        <translation>Interferencia de SIP ALG detectada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="114"/>
        <source>No SIP ALG interference seen</source>
        <translation>No se ha visto interferencia de SIP ALG</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="115"/>
        <source>Inconclusive</source>
        <translation>Sin resultado concluyente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="116"/>
        <source>What this means</source>
        <translation>Qué significa</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="117"/>
        <source>This explains:</source>
        <translation>Esto explica:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="118"/>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="119"/>
        <source>Support code</source>
        <translation>Código de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="120"/>
        <source>Read this out to your support agent</source>
        <translation>Léaselo a su agente de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="121"/>
        <source>Guide used:</source>
        <translation>Guía utilizada:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="122"/>
        <source>Before and after the change</source>
        <translation>Antes y después del cambio</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="123"/>
        <source>Before: {verdict}</source>
        <translation>Antes: {verdict}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="124"/>
        <source>After: {verdict}</source>
        <translation>Después: {verdict}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="125"/>
        <source>Fixed</source>
        <translation>Solucionado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="126"/>
        <source>Still there</source>
        <translation>Sigue ahí</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="127"/>
        <source>Changed</source>
        <translation>Cambiado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="128"/>
        <source>Not tested</source>
        <translation>Sin probar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="129"/>
        <source>Second test less than a minute after the first.</source>
        <translation>Segunda prueba menos de un minuto después de la primera.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="130"/>
        <source>Second test {minutes} min after the first.</source>
        <translation>Segunda prueba {minutes} min después de la primera.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/core_words.py" line="131"/>
        <source>Technical details for the support agent</source>
        <translation>Detalles técnicos para el agente de soporte</translation>
    </message>
</context>
<context>
    <name>DiagnosisPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="61"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="70"/>
        <source>What this means</source>
        <translation>Qué significa</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="75"/>
        <source>Fields the router changed: sent and received</source>
        <translation>Campos que cambió el router: enviado y recibido</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="76"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="76"/>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="77"/>
        <source>We sent</source>
        <translation>Enviamos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="77"/>
        <source>It arrived as</source>
        <translation>Llegó así</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="79"/>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="88"/>
        <source>Show what the router changed</source>
        <translation>Mostrar lo que cambió el router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="92"/>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="94"/>
        <source>Technical details for the support agent</source>
        <translation>Detalles técnicos para el agente de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="100"/>
        <source>What we found</source>
        <translation>Lo que encontramos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="103"/>
        <source>We explain the result in plain words, and what it means for your calls.</source>
        <translation>Le explicamos el resultado con palabras sencillas y lo que significa para sus llamadas.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="115"/>
        <source>This explains:</source>
        <translation>Esto explica:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="123"/>
        <source>What to do:</source>
        <translation>Qué hacer:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="145"/>
        <source>computer → server</source>
        <translation>ordenador → servidor</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="146"/>
        <source>server → computer</source>
        <translation>servidor → ordenador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="156"/>
        <source>Seen in: {tests}</source>
        <translation>Visto en: {tests}</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="30"/>
        <source>If you talk to your support agent, read out this code. It tells them what we found.</source>
        <translation>Si habla con su agente de soporte, léale este código. Le dice lo que encontramos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="32"/>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="171"/>
        <source>Support code</source>
        <translation>Código de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="43"/>
        <source>Your report</source>
        <translation>Su informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="48"/>
        <source>A report with all the details, for you or your support agent. It stays on this computer unless you send it.</source>
        <translation>Un informe con todos los detalles, para usted o su agente de soporte. Se queda en este ordenador a menos que usted lo envíe.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="51"/>
        <source>&amp;Hide my internet address in the report</source>
        <translation>&amp;Ocultar mi dirección de internet en el informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="53"/>
        <source>Hide my internet address in the report</source>
        <translation>Ocultar mi dirección de internet en el informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="55"/>
        <source>&amp;Save report</source>
        <translation>&amp;Guardar informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="56"/>
        <source>Save the report on this computer</source>
        <translation>Guardar el informe en este ordenador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="57"/>
        <source>&amp;Open report</source>
        <translation>A&amp;brir informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="58"/>
        <source>Open the saved report in your web browser</source>
        <translation>Abrir el informe guardado en su navegador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="61"/>
        <source>&amp;Copy details</source>
        <translation>&amp;Copiar detalles</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="62"/>
        <source>Copy the report and the log for your support agent</source>
        <translation>Copiar el informe y el registro para su agente de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="65"/>
        <source>Where the report was saved</source>
        <translation>Dónde se guardó el informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="78"/>
        <source>Your support code and report</source>
        <translation>Su código de soporte y su informe</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="81"/>
        <source>You get a short support code to read out, and a report to save.</source>
        <translation>Recibe un código de soporte corto para leer en voz alta y un informe para guardar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="94"/>
        <source>Need help? Call {name} on {phone}.</source>
        <translation>¿Necesita ayuda? Llame a {name} al {phone}.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="142"/>
        <source>Could not save the report: {detail}. Use Copy details instead.</source>
        <translation>No se pudo guardar el informe: {detail}. Use Copiar detalles en su lugar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="145"/>
        <source>Saved as {name} in {folder}</source>
        <translation>Guardado como {name} en {folder}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="171"/>
        <source>details for support</source>
        <translation>detalles para soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/finish.py" line="181"/>
        <source>Copied. You can paste it into an e-mail or chat.</source>
        <translation>Copiado. Puede pegarlo en un correo o un chat.</translation>
    </message>
</context>
<context>
    <name>FixPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="66"/>
        <source>Show the steps &amp;anyway</source>
        <translation>Mostrar los pasos de &amp;todos modos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="67"/>
        <source>Show the steps to turn SIP ALG off anyway</source>
        <translation>Mostrar de todos modos los pasos para desactivar SIP ALG</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="150"/>
        <source>&amp;Copy address</source>
        <translation>&amp;Copiar dirección</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="151"/>
        <source>Copy the router page&apos;s address</source>
        <translation>Copiar la dirección de la página del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="153"/>
        <source>&amp;Open the router&apos;s page</source>
        <translation>A&amp;brir la página del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="154"/>
        <source>Open the router&apos;s page in your web browser</source>
        <translation>Abrir la página del router en su navegador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="90"/>
        <source>Guide step</source>
        <translation>Paso de la guía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="118"/>
        <source>Commands to type</source>
        <translation>Comandos para escribir</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="120"/>
        <source>Copy co&amp;mmands</source>
        <translation>Copiar co&amp;mandos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="121"/>
        <source>Copy the commands</source>
        <translation>Copiar los comandos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="131"/>
        <source>Picture of this step (click to enlarge)</source>
        <translation>Imagen de este paso (haga clic para ampliar)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="132"/>
        <source>Click to enlarge</source>
        <translation>Haga clic para ampliar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="136"/>
        <source>&amp;Enlarge picture</source>
        <translation>A&amp;mpliar imagen</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="137"/>
        <source>Show the picture larger</source>
        <translation>Mostrar la imagen más grande</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="91"/>
        <source>← &amp;Previous step</source>
        <translation>← Paso a&amp;nterior</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="92"/>
        <source>Previous step of the guide</source>
        <translation>Paso anterior de la guía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="94"/>
        <source>Ne&amp;xt step →</source>
        <translation>Paso si&amp;guiente →</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="95"/>
        <source>Next step of the guide</source>
        <translation>Paso siguiente de la guía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="110"/>
        <source>What to do in this step</source>
        <translation>Qué hacer en este paso</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="148"/>
        <source>Address of the router&apos;s page</source>
        <translation>Dirección de la página del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="162"/>
        <source>Turn off SIP ALG</source>
        <translation>Desactivar SIP ALG</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="165"/>
        <source>If your router gets in the way, we show you step by step how to fix it.</source>
        <translation>Si su router interfiere, le mostramos paso a paso cómo solucionarlo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="193"/>
        <source>&lt;b&gt;There is nothing to change on your router.&lt;/b&gt; The test messages got through unchanged, so SIP ALG is either off or not getting in the way. You can skip this step: press Next.</source>
        <translation>&lt;b&gt;No hay nada que cambiar en su router.&lt;/b&gt; Los mensajes de prueba pasaron sin cambios, así que SIP ALG está desactivado o no interfiere. Puede saltarse este paso: pulse Siguiente.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="198"/>
        <source>Follow these steps: &lt;b&gt;{title}&lt;/b&gt;. Keep this window open; we will test again afterwards.</source>
        <translation>Siga estos pasos: &lt;b&gt;{title}&lt;/b&gt;. Deje esta ventana abierta; después volveremos a probar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="204"/>
        <source>We could not finish the test, so we do not know for sure whether your router gets in the way. If your calls have the problems described before, these steps are safe to follow: &lt;b&gt;{title}&lt;/b&gt;.</source>
        <translation>No pudimos terminar la prueba, así que no sabemos con seguridad si su router interfiere. Si sus llamadas tienen los problemas descritos antes, puede seguir estos pasos sin riesgo: &lt;b&gt;{title}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/fix.py" line="81"/>
        <source>About these steps</source>
        <translation>Sobre estos pasos</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="61"/>
        <source>We look up how this computer reaches the internet and which router it goes through. Nothing is changed.</source>
        <translation>Averiguamos cómo llega este ordenador a internet y por qué router pasa. No se cambia nada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="66"/>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="70"/>
        <source>What we found</source>
        <translation>Lo que encontramos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="77"/>
        <source>Router address (IPv4)</source>
        <translation>Dirección del router (IPv4)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="78"/>
        <source>Router address (IPv6)</source>
        <translation>Dirección del router (IPv6)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="79"/>
        <source>Network connection</source>
        <translation>Conexión de red</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="80"/>
        <source>This computer&apos;s address</source>
        <translation>Dirección de este ordenador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="81"/>
        <source>Router hardware address (MAC)</source>
        <translation>Dirección física del router (MAC)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="82"/>
        <source>Router maker</source>
        <translation>Fabricante del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="100"/>
        <source>Problems found and what to do</source>
        <translation>Problemas encontrados y qué hacer</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="106"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="106"/>
        <source>Retry: look for the router again</source>
        <translation>Reintentar: buscar el router de nuevo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="108"/>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="109"/>
        <source>Stop looking for the router</source>
        <translation>Dejar de buscar el router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="111"/>
        <source>Not started yet.</source>
        <translation>Todavía no ha empezado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="115"/>
        <source>Your network</source>
        <translation>Su red</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="118"/>
        <source>We find your router: its address, its hardware address and its maker.</source>
        <translation>Buscamos su router: su dirección, su dirección física y su fabricante.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="141"/>
        <source>Looking for your router…</source>
        <translation>Buscando su router…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="154"/>
        <source>Stopped. Press Retry to look again.</source>
        <translation>Detenido. Pulse Reintentar para buscar de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="163"/>
        <source>We could not find your router. See below for what to do.</source>
        <translation>No encontramos su router. Abajo le indicamos qué hacer.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="165"/>
        <source>Found your router, with a warning. See below.</source>
        <translation>Hemos encontrado su router, con un aviso. Véalo abajo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="167"/>
        <source>Found your router.</source>
        <translation>Hemos encontrado su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="168"/>
        <source>Found your router. Press Next to continue.</source>
        <translation>Hemos encontrado su router. Pulse Siguiente para continuar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="174"/>
        <source>Something went wrong. See below, then press Retry.</source>
        <translation>Algo ha fallado. Lea abajo y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="183"/>
        <source>None found</source>
        <translation>No se encontró</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="188"/>
        <source>Unknown</source>
        <translation>Desconocida</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="190"/>
        <source>Not found</source>
        <translation>No encontrada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="198"/>
        <source>{name} (a VPN)</source>
        <translation>{name} (una VPN)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="203"/>
        <source>Unknown (no hardware address)</source>
        <translation>Desconocido (sin dirección física)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="205"/>
        <source>Unknown: the router uses a randomised (private) address, which does not tell the maker</source>
        <translation>Desconocido: el router usa una dirección aleatoria (privada), que no indica el fabricante</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="209"/>
        <source>Unknown (not in the list of makers)</source>
        <translation>Desconocido (no está en la lista de fabricantes)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="224"/>
        <source>This computer is not connected to a network.</source>
        <translation>Este ordenador no está conectado a ninguna red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="225"/>
        <source>Plug in the network cable or connect to your Wi-Fi, wait a moment, then press Retry.</source>
        <translation>Conecte el cable de red o conéctese a su wifi, espere un momento y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="229"/>
        <source>This computer has no router to reach the internet (no default gateway).</source>
        <translation>Este ordenador no tiene un router para llegar a internet (no hay puerta de enlace predeterminada).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="231"/>
        <source>Check that the cable is plugged in or the Wi-Fi is connected and that your router is switched on. Wait a minute, then press Retry.</source>
        <translation>Compruebe que el cable está enchufado o el wifi conectado y que el router está encendido. Espere un minuto y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="236"/>
        <source>A VPN is switched on.</source>
        <translation>Hay una VPN activada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="237"/>
        <source>While a VPN is on, the test cannot see your router. Turn the VPN off for a few minutes, then press Retry.</source>
        <translation>Mientras la VPN esté activada, la prueba no puede ver su router. Desactive la VPN unos minutos y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="241"/>
        <source>A VPN connection is also set up ({names}).</source>
        <translation>También hay una conexión VPN configurada ({names}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="243"/>
        <source>It is not used for the internet right now, so you can go on. If the results look odd, turn it off and press Retry.</source>
        <translation>Ahora no se usa para internet, así que puede continuar. Si los resultados parecen raros, desactívela y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="246"/>
        <source>This computer has more than one way to the internet ({names}).</source>
        <translation>Este ordenador tiene más de una salida a internet ({names}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="249"/>
        <source>The test uses {name}. If your phone is on the other one, disconnect that one and press Retry.</source>
        <translation>La prueba usa {name}. Si su teléfono está en la otra, desconecte esa y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="251"/>
        <source>the one shown above</source>
        <translation>la que se muestra arriba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="255"/>
        <source>The router&apos;s hardware address could not be read.</source>
        <translation>No se pudo leer la dirección física del router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="256"/>
        <source>You can go on; we may just not be able to tell the router&apos;s maker.</source>
        <translation>Puede continuar; quizá no podamos saber quién fabricó el router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="259"/>
        <source>We could not read this computer&apos;s network settings.</source>
        <translation>No pudimos leer la configuración de red de este ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="261"/>
        <source>Press Retry. If it happens again, restart the computer or call your support agent.</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, reinicie el ordenador o llame a su agente de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="264"/>
        <source>Looking at the network went wrong.</source>
        <translation>Algo falló al examinar la red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="265"/>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="296"/>
        <source>Press Retry. If it happens again, tell your support agent: {detail}</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, comuníqueselo a su agente de soporte: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="269"/>
        <source>This program cannot read the network settings of this kind of computer.</source>
        <translation>Este programa no puede leer la configuración de red de este tipo de ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="271"/>
        <source>Please run it on Windows, macOS or Linux.</source>
        <translation>Ejecútelo en Windows, macOS o Linux.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="275"/>
        <source>Something unusual: {code}</source>
        <translation>Algo inusual: {code}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="276"/>
        <source>You can go on. If a later step fails, tell your support agent about this.</source>
        <translation>Puede continuar. Si un paso posterior falla, comuníqueselo a su agente de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="287"/>
        <source>Your computer did not allow us to read the network settings.</source>
        <translation>Su ordenador no nos permitió leer la configuración de red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="289"/>
        <source>If a security program asked, allow it; then press Retry. Details: {detail}</source>
        <translation>Si un programa de seguridad se lo pidió, permítalo y pulse Reintentar. Detalles: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="292"/>
        <source>Reading the network settings took too long.</source>
        <translation>Leer la configuración de red tardó demasiado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="293"/>
        <source>Press Retry. If it happens again, restart the computer.</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, reinicie el ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="295"/>
        <source>We could not read your network settings.</source>
        <translation>No pudimos leer su configuración de red.</translation>
    </message>
</context>
<context>
    <name>ProbePage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="60"/>
        <source>&amp;Test server:</source>
        <translation>Servidor de &amp;prueba:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="61"/>
        <source>Test server address</source>
        <translation>Dirección del servidor de prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="52"/>
        <source>We send test call messages through your router and compare what arrives with what was sent. It takes a few seconds.</source>
        <translation>Enviamos mensajes de llamada de prueba a través de su router y comparamos lo que llega con lo que se envió. Tarda unos segundos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="62"/>
        <source>address your support gives you, e.g. test.example.net</source>
        <translation>dirección que le da su soporte, p. ej. test.example.net</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="64"/>
        <source>Your phone provider&apos;s SIP server</source>
        <translation>Servidor SIP de su proveedor de telefonía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="65"/>
        <source>optional, e.g. sip.yourprovider.com</source>
        <translation>opcional, p. ej. sip.suproveedor.com</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="63"/>
        <source>&amp;Phone provider&apos;s server:</source>
        <translation>Servidor del pro&amp;veedor:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="75"/>
        <source>Also check that &amp;incoming calls can reach you (1 more minute)</source>
        <translation>Comprobar también que las llamadas &amp;entrantes le llegan (1 minuto más)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="77"/>
        <source>Also check that incoming calls can reach you</source>
        <translation>Comprobar también que las llamadas entrantes le llegan</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="79"/>
        <source>Your computer stays quiet for {seconds} seconds, then our test server tries to reach it, as a call to your phone would. Some routers forget the phone by then.</source>
        <translation>Su ordenador se queda en silencio {seconds} segundos y luego nuestro servidor de prueba intenta llegar a él, como lo haría una llamada a su teléfono. Algunos routers ya han olvidado el teléfono para entonces.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="84"/>
        <source>Tests and their results</source>
        <translation>Pruebas y sus resultados</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="85"/>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="85"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="85"/>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="95"/>
        <source>Overall progress</source>
        <translation>Progreso total</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="96"/>
        <source>%v of %m tests done</source>
        <translation>%v de %m pruebas hechas</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="103"/>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="107"/>
        <source>How we tested</source>
        <translation>Cómo lo hemos probado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="120"/>
        <source>Problems found and what to do</source>
        <translation>Problemas encontrados y qué hacer</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="124"/>
        <source>Run the &amp;deeper test — your computer will ask for permission</source>
        <translation>Hacer la prueba a &amp;fondo — su ordenador le pedirá permiso</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="125"/>
        <source>Run the deeper test (your computer will ask for permission)</source>
        <translation>Hacer la prueba a fondo (su ordenador le pedirá permiso)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="129"/>
        <source>&amp;Start the test</source>
        <translation>&amp;Iniciar la prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="130"/>
        <source>Start the test (again)</source>
        <translation>Iniciar la prueba (de nuevo)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="131"/>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="131"/>
        <source>Stop the test</source>
        <translation>Detener la prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="138"/>
        <source>Test your router</source>
        <translation>Probar su router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="141"/>
        <source>We send test call messages through your router and check what arrives.</source>
        <translation>Enviamos mensajes de llamada de prueba a través de su router y comprobamos lo que llega.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="145"/>
        <source>Basic check (OPTIONS over UDP)</source>
        <translation>Comprobación básica (OPTIONS por UDP)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="146"/>
        <source>Phone sign-in (REGISTER over UDP)</source>
        <translation>Registro del teléfono (REGISTER por UDP)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="147"/>
        <source>Call set-up (INVITE over UDP)</source>
        <translation>Inicio de llamada (INVITE por UDP)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="148"/>
        <source>Large call set-up (INVITE over UDP, 2.6 KB)</source>
        <translation>Inicio de llamada grande (INVITE por UDP, 2,6 KB)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="149"/>
        <source>Call set-up from the phone&apos;s own port (5060)</source>
        <translation>Establecimiento de llamada desde el puerto propio del teléfono (5060)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="150"/>
        <source>Call set-up over TCP</source>
        <translation>Inicio de llamada por TCP</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="151"/>
        <source>Comparison: call set-up on another port (UDP)</source>
        <translation>Comparación: inicio de llamada en otro puerto (UDP)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="152"/>
        <source>Comparison: call set-up on another port (TCP)</source>
        <translation>Comparación: inicio de llamada en otro puerto (TCP)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="153"/>
        <source>Comparison: encrypted call set-up (TLS)</source>
        <translation>Comparación: inicio de llamada cifrado (TLS)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="154"/>
        <source>Incoming calls can reach you (after a quiet minute)</source>
        <translation>Las llamadas entrantes le llegan (tras un minuto sin actividad)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="155"/>
        <source>Comparison: incoming calls on another port</source>
        <translation>Comparación: llamadas entrantes en otro puerto</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="160"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="160"/>
        <source>Running…</source>
        <translation>En curso…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="161"/>
        <source>Arrived unchanged</source>
        <translation>Llegó sin cambios</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="161"/>
        <source>Changed on the way</source>
        <translation>Cambiado por el camino</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="162"/>
        <source>Damaged on the way</source>
        <translation>Dañado por el camino</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="162"/>
        <source>Lost on the way</source>
        <translation>Perdido por el camino</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="163"/>
        <source>Not run</source>
        <translation>No realizada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="163"/>
        <source>Could not run</source>
        <translation>No se pudo realizar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="164"/>
        <source>Answered by the router, not the server</source>
        <translation>Respondido por el router, no por el servidor</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="165"/>
        <source>Failed ({state})</source>
        <translation>Falló ({state})</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="168"/>
        <source>Our test server</source>
        <translation>Nuestro servidor de prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="169"/>
        <source>The first router past yours</source>
        <translation>El primer router después del suyo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="170"/>
        <source>Your phone provider&apos;s server</source>
        <translation>El servidor de su proveedor de telefonía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="178"/>
        <source>not run: you did not give permission</source>
        <translation>no realizada: no dio permiso</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="179"/>
        <source>not available on this computer: {reason}</source>
        <translation>no disponible en este ordenador: {reason}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="182"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="185"/>
        <source>saw your call message as it left your router: changed</source>
        <translation>vio su mensaje de llamada tal como salió de su router: cambiado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="187"/>
        <source>saw your call message exactly as it left your router: unchanged</source>
        <translation>vio su mensaje de llamada exactamente como salió de su router: sin cambios</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="189"/>
        <source>saw only the start of your call message: no change there</source>
        <translation>vio solo el principio de su mensaje de llamada: ahí sin cambios</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="192"/>
        <source>answered, and saw that your router changed your call messages</source>
        <translation>respondió y vio que su router cambió sus mensajes de llamada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="194"/>
        <source>answered, and saw no change (it cannot see every kind)</source>
        <translation>respondió y no vio cambios (no puede ver todos los tipos)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="196"/>
        <source>saw that your router changed your call messages</source>
        <translation>vio que su router cambió sus mensajes de llamada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="197"/>
        <source>saw your call messages arrive unchanged</source>
        <translation>vio llegar sus mensajes de llamada sin cambios</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="202"/>
        <source>it needs your permission here</source>
        <translation>necesita su permiso aquí</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="204"/>
        <source>no internet connection over IPv4</source>
        <translation>no hay conexión a internet por IPv4</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="206"/>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="208"/>
        <source>the deeper test could not start</source>
        <translation>la prueba a fondo no pudo empezar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="209"/>
        <source>the system does not allow it</source>
        <translation>el sistema no lo permite</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="224"/>
        <source>{method}: {what}</source>
        <translation>{method}: {what}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="321"/>
        <source>Waiting for your permission, then testing…</source>
        <translation>Esperando su permiso; después, probando…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="323"/>
        <source>Testing through your router… The check for incoming calls takes about a minute; Stop ends it.</source>
        <translation>Probando a través de su router… La comprobación de llamadas entrantes tarda un minuto; Detener la termina.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="326"/>
        <source>Testing through your router…</source>
        <translation>Probando a través de su router…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="370"/>
        <source>Your computer did not allow the test to send.</source>
        <translation>Su ordenador no permitió que la prueba enviara mensajes.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="371"/>
        <source>A security program or firewall blocked it. If it asked, allow “{product}”, then press Start the test.</source>
        <translation>Un programa de seguridad o un cortafuegos lo bloqueó. Si se lo pregunta, permita «{product}» y pulse Iniciar la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="375"/>
        <source>The test went wrong.</source>
        <translation>La prueba salió mal.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="376"/>
        <source>Press Start the test. If it happens again, tell your support agent: {detail}</source>
        <translation>Pulse Iniciar la prueba. Si vuelve a ocurrir, dígaselo a su agente de soporte: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="389"/>
        <source>Stopped. Press Start the test to run it again.</source>
        <translation>Detenida. Pulse Iniciar la prueba para repetirla.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="399"/>
        <source>No test server is set up.</source>
        <translation>No hay ningún servidor de prueba configurado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="401"/>
        <source>Waiting for a test server address.</source>
        <translation>Esperando la dirección de un servidor de prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="411"/>
        <source>or call {name} on {phone}</source>
        <translation>o llame a {name} al {phone}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="414"/>
        <source>or call {name}</source>
        <translation>o llame a {name}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="415"/>
        <source>Type the test server or phone-provider server address your provider gave you above, and press Start the test — {call}. You can also press Next: you will get a support code without a test result.</source>
        <translation>Escriba arriba la dirección del servidor de prueba o del servidor de telefonía que le dio su proveedor y pulse Iniciar la prueba — {call}. También puede pulsar Siguiente: recibirá un código de soporte sin resultado de prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="419"/>
        <source>Press “Run the deeper test” below: your computer will ask for your permission. Or: {fields}</source>
        <translation>Pulse «Hacer la prueba a fondo» abajo: su ordenador le pedirá permiso. O bien: {fields}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="458"/>
        <source>We could not reach the test server ({server}).</source>
        <translation>No pudimos llegar al servidor de prueba ({server}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="460"/>
        <source>Check that the internet works (open a website) and that the address is right, then press Start the test. A firewall or security program may also block it.</source>
        <translation>Compruebe que internet funciona (abra una página web) y que la dirección es correcta, y pulse Iniciar la prueba. También puede bloquearla un cortafuegos o un programa de seguridad.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="471"/>
        <source>Done: your router changed some test messages. Press Next to see what that means.</source>
        <translation>Hecho: su router cambió algunos mensajes de prueba. Pulse Siguiente para ver qué significa.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="473"/>
        <source>Done: the test messages arrived unchanged. Press Next.</source>
        <translation>Hecho: los mensajes de prueba llegaron sin cambios. Pulse Siguiente.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="475"/>
        <source>The test could not finish. See below, or press Next for a support code.</source>
        <translation>La prueba no pudo terminar. Vea abajo, o pulse Siguiente para obtener un código de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="479"/>
        <source>The test went wrong. See below.</source>
        <translation>La prueba salió mal. Vea abajo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="489"/>
        <source>A VPN is switched on.</source>
        <translation>Hay una VPN activada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="490"/>
        <source>The test then goes through the VPN, not straight through your router. Turn the VPN off, then press Start the test.</source>
        <translation>Así la prueba pasa por la VPN y no directamente por su router. Desactive la VPN y pulse Iniciar la prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="493"/>
        <source>This computer is not connected to a router.</source>
        <translation>Este ordenador no está conectado a un router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/probe.py" line="494"/>
        <source>Connect to your network, go back to step 2 and press Retry.</source>
        <translation>Conéctese a su red, vuelva al paso 2 y pulse Reintentar.</translation>
    </message>
</context>
<context>
    <name>RouterPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="41"/>
        <source>We ask your router who it is, the way a web browser would. Nothing is changed.</source>
        <translation>Le preguntamos a su router quién es, como lo haría un navegador. No se cambia nada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="48"/>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="44"/>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="91"/>
        <source>Your router</source>
        <translation>Su router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="52"/>
        <source>Problems found and what to do</source>
        <translation>Problemas encontrados y qué hacer</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="55"/>
        <source>Not right? Choose your router&apos;s maker</source>
        <translation>¿No es correcto? Elija el fabricante de su router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="59"/>
        <source>&amp;Maker:</source>
        <translation>&amp;Fabricante:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="62"/>
        <source>Router maker</source>
        <translation>Fabricante del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="68"/>
        <source>The maker&apos;s name is usually on a sticker under the router.</source>
        <translation>El nombre del fabricante suele estar en una etiqueta debajo del router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="75"/>
        <source>How we recognised the router</source>
        <translation>Cómo reconocimos el router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="76"/>
        <source>Where we looked</source>
        <translation>Dónde miramos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="76"/>
        <source>What we saw</source>
        <translation>Qué vimos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="77"/>
        <source>Points to</source>
        <translation>Apunta a</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="77"/>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="80"/>
        <source>Show how we recognised it</source>
        <translation>Mostrar cómo lo reconocimos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="86"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="86"/>
        <source>Retry: ask the router again</source>
        <translation>Reintentar: preguntar de nuevo al router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="94"/>
        <source>We find out which router you have, so we can show the right steps.</source>
        <translation>Averiguamos qué router tiene para mostrarle los pasos correctos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="110"/>
        <source>Asking your router…</source>
        <translation>Preguntando a su router…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="113"/>
        <source>This takes a few seconds.</source>
        <translation>Esto tarda unos segundos.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="129"/>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="141"/>
        <source>As detected ({name})</source>
        <translation>Según lo detectado ({name})</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="147"/>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="155"/>
        <source>Press Next to continue.</source>
        <translation>Pulse Siguiente para continuar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="152"/>
        <source>We could not ask the router.</source>
        <translation>No pudimos preguntar al router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="153"/>
        <source>You can go on: choose the maker below if you know it. Details: {detail}</source>
        <translation>Puede continuar: elija abajo el fabricante si lo sabe. Detalles: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="168"/>
        <source>As detected</source>
        <translation>Según lo detectado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="171"/>
        <source>Another maker / I don&apos;t know</source>
        <translation>Otro fabricante / No lo sé</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="204"/>
        <source>Your router: {name}</source>
        <translation>Su router: {name}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="205"/>
        <source>You chose this maker.</source>
        <translation>Usted eligió este fabricante.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="207"/>
        <source>Your router&apos;s maker is not known</source>
        <translation>No se conoce el fabricante de su router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="208"/>
        <source>You chose “another maker”: we will show general steps that work on most routers.</source>
        <translation>Usted eligió «otro fabricante»: le mostraremos pasos generales que sirven en la mayoría de los routers.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="211"/>
        <source>Your router looks like a {name}</source>
        <translation>Su router parece un {name}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="212"/>
        <source>We are fairly sure ({percent}%).</source>
        <translation>Estamos bastante seguros ({percent} %).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="215"/>
        <source>Your router is probably a {name}</source>
        <translation>Su router es probablemente un {name}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="216"/>
        <source>We are not sure ({percent}%). If you know better, choose the maker below.</source>
        <translation>No estamos seguros ({percent} %). Si lo sabe, elija abajo el fabricante.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="220"/>
        <source>We could not tell which router you have</source>
        <translation>No pudimos saber qué router tiene</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="221"/>
        <source>That is fine: choose the maker below if you know it, or just press Next for general steps.</source>
        <translation>No pasa nada: elija abajo el fabricante si lo sabe, o pulse Siguiente para ver pasos generales.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="231"/>
        <source>Hardware address (MAC)</source>
        <translation>Dirección física (MAC)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="231"/>
        <source>Your choice</source>
        <translation>Su elección</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="232"/>
        <source>Web page: server name</source>
        <translation>Página web: nombre del servidor</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="233"/>
        <source>Web page: title</source>
        <translation>Página web: título</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="233"/>
        <source>UPnP description</source>
        <translation>Descripción UPnP</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="234"/>
        <source>Web page: certificate</source>
        <translation>Página web: certificado</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="237"/>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="245"/>
        <source>Nothing</source>
        <translation>Nada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="245"/>
        <source>The router did not tell us anything.</source>
        <translation>El router no nos dijo nada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="255"/>
        <source>Your network sends web pages to a sign-in page ({where}).</source>
        <translation>Su red envía las páginas web a una página de inicio de sesión ({where}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/router.py" line="257"/>
        <source>You may be on a hotel, shop or guest network that needs a sign-in first. Open a website, sign in, then press Retry. The test needs a home or office router.</source>
        <translation>Puede que esté en la red de un hotel, una tienda o de invitados que pide iniciar sesión. Abra una página web, inicie sesión y pulse Reintentar. La prueba necesita el router de una casa u oficina.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="17"/>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="18"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="23"/>
        <source>Test server address</source>
        <translation>Dirección del servidor de prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="24"/>
        <source>host or host:port</source>
        <translation>host o host:puerto</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="27"/>
        <source>Your phone provider&apos;s SIP server</source>
        <translation>Servidor SIP de su proveedor de telefonía</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="28"/>
        <source>host or host:port (optional)</source>
        <translation>host o host:puerto (opcional)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="29"/>
        <source>Asked what it received from your router; also used when no test server is set.</source>
        <translation>Le preguntamos qué recibió de su router; también se usa cuando no hay servidor de prueba.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="33"/>
        <source>Router maker</source>
        <translation>Fabricante del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="34"/>
        <source>Detect automatically</source>
        <translation>Detectar automáticamente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="42"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="44"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="46"/>
        <source>&amp;Test server:</source>
        <translation>Servidor de &amp;prueba:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="47"/>
        <source>&amp;Phone provider&apos;s server:</source>
        <translation>Servidor del pro&amp;veedor:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="48"/>
        <source>Router &amp;maker:</source>
        <translation>&amp;Fabricante del router:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="49"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/settings_dialog.py" line="50"/>
        <source>A new language is used the next time the program starts.</source>
        <translation>El nuevo idioma se usa la próxima vez que se inicie el programa.</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/base.py" line="39"/>
        <source>Page content</source>
        <translation>Contenido de la página</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="42"/>
        <source>I have &amp;restarted the router since the change</source>
        <translation>He &amp;reiniciado el router después del cambio</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="44"/>
        <source>I have restarted the router since the change</source>
        <translation>He reiniciado el router después del cambio</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="47"/>
        <source>Progress of the second test</source>
        <translation>Progreso de la segunda prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="48"/>
        <source>%v of %m tests done</source>
        <translation>%v de %m pruebas hechas</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="53"/>
        <source>Before and after</source>
        <translation>Antes y después</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="59"/>
        <source>Before the change:</source>
        <translation>Antes del cambio:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="60"/>
        <source>After the change:</source>
        <translation>Después del cambio:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="64"/>
        <source>Result of the second test</source>
        <translation>Resultado de la segunda prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="71"/>
        <source>&amp;Test again</source>
        <translation>&amp;Probar de nuevo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="71"/>
        <source>Test again</source>
        <translation>Probar de nuevo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="72"/>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="73"/>
        <source>Stop the second test</source>
        <translation>Detener la segunda prueba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="78"/>
        <source>Check the fix</source>
        <translation>Comprobar la solución</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="81"/>
        <source>After the change we test again and show you before and after.</source>
        <translation>Después del cambio volvemos a probar y le mostramos el antes y el después.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="92"/>
        <source>When you have turned SIP ALG off and saved, restart the router, wait until the internet works again, then press Test again.</source>
        <translation>Cuando haya desactivado SIP ALG y guardado, reinicie el router, espere a que internet vuelva a funcionar y pulse Probar de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="96"/>
        <source>Nothing needs checking: there was nothing to fix. If you changed something on your router anyway, press Test again to compare.</source>
        <translation>No hay nada que comprobar: no había nada que arreglar. Si aun así cambió algo en su router, pulse Probar de nuevo para comparar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="100"/>
        <source>The first test could not finish. If you followed the steps, restart the router, wait until the internet works again, then press Test again.</source>
        <translation>La primera prueba no pudo terminar. Si siguió los pasos, reinicie el router, espere a que internet vuelva a funcionar y pulse Probar de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="106"/>
        <source>No test server is set up, so we cannot test again.</source>
        <translation>No hay ningún servidor de prueba configurado, así que no podemos volver a probar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="113"/>
        <source>the router changed call messages</source>
        <translation>el router cambiaba los mensajes de llamada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="114"/>
        <source>call messages arrived unchanged</source>
        <translation>los mensajes de llamada llegaron sin cambios</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="115"/>
        <source>the test could not finish</source>
        <translation>la prueba no pudo terminar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="131"/>
        <source>testing…</source>
        <translation>probando…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="135"/>
        <source>Testing through your router again…</source>
        <translation>Probando de nuevo a través de su router…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="151"/>
        <source>Stopped. Press Test again.</source>
        <translation>Detenida. Pulse Probar de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="171"/>
        <source>Done. Press Next for your report and support code.</source>
        <translation>Hecho. Pulse Siguiente para ver su informe y su código de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="175"/>
        <source>the test went wrong</source>
        <translation>la prueba salió mal</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/verify.py" line="176"/>
        <source>The second test went wrong: {detail}. Press Test again.</source>
        <translation>La segunda prueba salió mal: {detail}. Pulse Probar de nuevo.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="20"/>
        <source>This checks whether your router changes the signalling of your internet phone calls (a router feature called “SIP ALG”) and, if it does, shows you how to turn it off.</source>
        <translation>Este programa comprueba si su router altera la señalización de sus llamadas por internet (una función del router llamada «SIP ALG») y, si es así, le enseña a desactivarla.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="23"/>
        <source>What will happen:</source>
        <translation>Qué va a pasar:</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="33"/>
        <source>Nothing on your computer or your router is changed by this program. It takes about a minute.</source>
        <translation>Este programa no cambia nada en su ordenador ni en su router. Tarda alrededor de un minuto.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="40"/>
        <source>Support phone number</source>
        <translation>Teléfono de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="51"/>
        <source>Welcome to {product}</source>
        <translation>Bienvenido a {product}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="56"/>
        <source>Need help? Call {name} on {phone}.</source>
        <translation>¿Necesita ayuda? Llame a {name} al {phone}.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="77"/>
        <source>Step {number}</source>
        <translation>Paso {number}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="62"/>
        <source>Press &lt;b&gt;Next&lt;/b&gt; to begin.</source>
        <translation>Pulse &lt;b&gt;Siguiente&lt;/b&gt; para empezar.</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="142"/>
        <source>Step {number} of {total}: {heading}</source>
        <translation>Paso {number} de {total}: {heading}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="174"/>
        <source>{product} — help: {phone}</source>
        <translation>{product} — ayuda: {phone}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="177"/>
        <source>  —  support code: {code}</source>
        <translation>  —  código de soporte: {code}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="269"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="269"/>
        <source>Back to the previous step</source>
        <translation>Volver al paso anterior</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="270"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="270"/>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="271"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="271"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="272"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="272"/>
        <source>Finish and close</source>
        <translation>Finalizar y cerrar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="273"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="273"/>
        <source>Cancel and close the wizard</source>
        <translation>Cancelar y cerrar el asistente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="274"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="274"/>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="275"/>
        <source>Cop&amp;y details</source>
        <translation>Copiar deta&amp;lles</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="275"/>
        <source>Copy the details and the log for your support agent</source>
        <translation>Copiar los detalles y el registro para su agente de soporte</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="277"/>
        <source>Se&amp;ttings…</source>
        <translation>Aj&amp;ustes…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="277"/>
        <source>Settings: test server, router maker, language</source>
        <translation>Ajustes: servidor de prueba, fabricante del router, idioma</translation>
    </message>
</context>
<context>
    <name>Workaround</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/diagnosis.py" line="36"/>
        <source>Another way round it:</source>
        <translation>Otra forma de evitarlo:</translation>
    </message>
</context>
</TS>
