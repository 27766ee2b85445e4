<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>App</name>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="96"/>
        <source>The settings file has a problem</source>
        <translation>El archivo de configuración tiene un problema</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="97"/>
        <source>The wizard cannot start because its settings file (profile) could not be used.</source>
        <translation>El asistente no puede iniciarse porque no se pudo usar su archivo de configuración (perfil).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/app.py" line="101"/>
        <source>Settings file problem</source>
        <translation>Problema en el archivo de configuración</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="56"/>
        <source>We look up how this computer reaches the internet and which router it goes through. Nothing is changed.</source>
        <translation>Averiguamos cómo llega este ordenador a internet y por qué router pasa. No se cambia nada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="66"/>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="77"/>
        <source>What we found</source>
        <translation>Lo que encontramos</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="84"/>
        <source>Router address (IPv4)</source>
        <translation>Dirección del router (IPv4)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="85"/>
        <source>Router address (IPv6)</source>
        <translation>Dirección del router (IPv6)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="86"/>
        <source>Network connection</source>
        <translation>Conexión de red</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="87"/>
        <source>This computer&apos;s address</source>
        <translation>Dirección de este ordenador</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="88"/>
        <source>Router hardware address (MAC)</source>
        <translation>Dirección física del router (MAC)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="89"/>
        <source>Router maker</source>
        <translation>Fabricante del router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="120"/>
        <source>Problems found and what to do</source>
        <translation>Problemas encontrados y qué hacer</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="128"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="130"/>
        <source>Retry: look for the router again</source>
        <translation>Reintentar: buscar el router de nuevo</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="132"/>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="134"/>
        <source>Stop looking for the router</source>
        <translation>Dejar de buscar el router</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="141"/>
        <source>Not started yet.</source>
        <translation>Todavía no ha empezado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="145"/>
        <source>Your network</source>
        <translation>Su red</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="148"/>
        <source>We find your router: its address, its hardware address and its maker.</source>
        <translation>Buscamos su router: su dirección, su dirección física y su fabricante.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="187"/>
        <source>Looking for your router…</source>
        <translation>Buscando su router…</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="218"/>
        <source>Stopped. Press Retry to look again.</source>
        <translation>Detenido. Pulse Reintentar para buscar de nuevo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="227"/>
        <source>We could not find your router. See below for what to do.</source>
        <translation>No encontramos su router. Abajo le indicamos qué hacer.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="229"/>
        <source>Found your router, with a warning. See below.</source>
        <translation>Hemos encontrado su router, con un aviso. Véalo abajo.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="231"/>
        <source>Found your router.</source>
        <translation>Hemos encontrado su router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="232"/>
        <source>Found your router. Press Next to continue.</source>
        <translation>Hemos encontrado su router. Pulse Siguiente para continuar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="238"/>
        <source>Something went wrong. See below, then press Retry.</source>
        <translation>Algo ha fallado. Lea abajo y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="247"/>
        <source>None found</source>
        <translation>No se encontró</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="252"/>
        <source>Unknown</source>
        <translation>Desconocida</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="254"/>
        <source>Not found</source>
        <translation>No encontrada</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="262"/>
        <source>{name} (a VPN)</source>
        <translation>{name} (una VPN)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="267"/>
        <source>Unknown (no hardware address)</source>
        <translation>Desconocido (sin dirección física)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="269"/>
        <source>Unknown: the router uses a randomised (private) address, which does not tell the maker</source>
        <translation>Desconocido: el router usa una dirección aleatoria (privada), que no indica el fabricante</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="273"/>
        <source>Unknown (not in the list of makers)</source>
        <translation>Desconocido (no está en la lista de fabricantes)</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="297"/>
        <source>This computer is not connected to a network.</source>
        <translation>Este ordenador no está conectado a ninguna red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="298"/>
        <source>Plug in the network cable or connect to your Wi-Fi, wait a moment, then press Retry.</source>
        <translation>Conecte el cable de red o conéctese a su wifi, espere un momento y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="302"/>
        <source>This computer has no router to reach the internet (no default gateway).</source>
        <translation>Este ordenador no tiene un router para llegar a internet (no hay puerta de enlace predeterminada).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="304"/>
        <source>Check that the cable is plugged in or the Wi-Fi is connected and that your router is switched on. Wait a minute, then press Retry.</source>
        <translation>Compruebe que el cable está enchufado o el wifi conectado y que el router está encendido. Espere un minuto y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="310"/>
        <source>A VPN is switched on.</source>
        <translation>Hay una VPN activada.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="311"/>
        <source>While a VPN is on, the test cannot see your router. Turn the VPN off for a few minutes, then press Retry.</source>
        <translation>Mientras la VPN esté activada, la prueba no puede ver su router. Desactive la VPN unos minutos y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="315"/>
        <source>A VPN connection is also set up ({names}).</source>
        <translation>También hay una conexión VPN configurada ({names}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="317"/>
        <source>It is not used for the internet right now, so you can go on. If the results look odd, turn it off and press Retry.</source>
        <translation>Ahora no se usa para internet, así que puede continuar. Si los resultados parecen raros, desactívela y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="320"/>
        <source>This computer has more than one way to the internet ({names}).</source>
        <translation>Este ordenador tiene más de una salida a internet ({names}).</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="323"/>
        <source>The test uses {name}. If your phone is on the other one, disconnect that one and press Retry.</source>
        <translation>La prueba usa {name}. Si su teléfono está en la otra, desconecte esa y pulse Reintentar.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="325"/>
        <source>the one shown above</source>
        <translation>la que se muestra arriba</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="329"/>
        <source>The router&apos;s hardware address could not be read.</source>
        <translation>No se pudo leer la dirección física del router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="330"/>
        <source>You can go on; we may just not be able to tell the router&apos;s maker.</source>
        <translation>Puede continuar; quizá no podamos saber quién fabricó el router.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="333"/>
        <source>We could not read this computer&apos;s network settings.</source>
        <translation>No pudimos leer la configuración de red de este ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="335"/>
        <source>Press Retry. If it happens again, restart the computer or call your support agent.</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, reinicie el ordenador o llame a su agente de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="338"/>
        <source>Looking at the network went wrong.</source>
        <translation>Algo falló al examinar la red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="339"/>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="370"/>
        <source>Press Retry. If it happens again, tell your support agent: {detail}</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, comuníqueselo a su agente de soporte: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="343"/>
        <source>This program cannot read the network settings of this kind of computer.</source>
        <translation>Este programa no puede leer la configuración de red de este tipo de ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="345"/>
        <source>Please run it on Windows, macOS or Linux.</source>
        <translation>Ejecútelo en Windows, macOS o Linux.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="349"/>
        <source>Something unusual: {code}</source>
        <translation>Algo inusual: {code}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="350"/>
        <source>You can go on. If a later step fails, tell your support agent about this.</source>
        <translation>Puede continuar. Si un paso posterior falla, comuníqueselo a su agente de soporte.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="361"/>
        <source>Your computer did not allow us to read the network settings.</source>
        <translation>Su ordenador no nos permitió leer la configuración de red.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="363"/>
        <source>If a security program asked, allow it; then press Retry. Details: {detail}</source>
        <translation>Si un programa de seguridad se lo pidió, permítalo y pulse Reintentar. Detalles: {detail}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="366"/>
        <source>Reading the network settings took too long.</source>
        <translation>Leer la configuración de red tardó demasiado.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="367"/>
        <source>Press Retry. If it happens again, restart the computer.</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, reinicie el ordenador.</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/network.py" line="369"/>
        <source>We could not read your network settings.</source>
        <translation>No pudimos leer su configuración de red.</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/base.py" line="33"/>
        <source>Page content</source>
        <translation>Contenido de la página</translation>
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
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="72"/>
        <source>Step {number}</source>
        <translation>Paso {number}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/pages/welcome.py" line="75"/>
        <source>Press &lt;b&gt;Next&lt;/b&gt; to begin.</source>
        <translation>Pulse &lt;b&gt;Siguiente&lt;/b&gt; para empezar.</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="55"/>
        <source>Step {number} of {total}: {heading}</source>
        <translation>Paso {number} de {total}: {heading}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="64"/>
        <source>{product} — help: {phone}</source>
        <translation>{product} — ayuda: {phone}</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="71"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="71"/>
        <source>Back to the previous step</source>
        <translation>Volver al paso anterior</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="72"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="72"/>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="73"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="73"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="74"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="74"/>
        <source>Finish and close</source>
        <translation>Finalizar y cerrar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="75"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="75"/>
        <source>Cancel and close the wizard</source>
        <translation>Cancelar y cerrar el asistente</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="76"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../sipalg_wizard/ui/wizard.py" line="76"/>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
</context>
</TS>
