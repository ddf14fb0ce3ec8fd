"""A python-gssapi peer for the interop tests, speaking one line per message
on stdin/stdout: 'TOKEN <base64>' or 'TOKEN -' (no token) during the context
exchange, then 'NAME <initiator>' (acceptor), 'WRAP <base64>' and 'GOT <text>'."""
import base64
import sys

import gssapi


def send(kind, data=None):
    text = '-' if data is None else (data if isinstance(data, str) else base64.b64encode(data).decode())
    print(kind, text, flush=True)


def receive(kind):
    line = sys.stdin.readline().strip()
    got, _, data = line.partition(' ')
    if got != kind:
        raise SystemExit(f'expected {kind}, got {line!r}')
    return None if data == '-' else base64.b64decode(data)


role = sys.argv[1]
if role == 'initiate':
    target = gssapi.Name('host@localhost', gssapi.NameType.hostbased_service)
    ctx = gssapi.SecurityContext(name=target, usage='initiate', mech=gssapi.MechType.kerberos)
    send('TOKEN', ctx.step())
    while not ctx.complete:
        token = ctx.step(receive('TOKEN'))
        if token is not None:
            send('TOKEN', token)
else:
    ctx = gssapi.SecurityContext(usage='accept')
    while not ctx.complete:
        send('TOKEN', ctx.step(receive('TOKEN')))
    send('NAME', str(ctx.initiator_name))

send('WRAP', ctx.wrap(f'hello from python ({role})'.encode(), True).message)
send('GOT', ctx.unwrap(receive('WRAP')).message.decode())
