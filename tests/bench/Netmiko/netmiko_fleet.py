#!/usr/bin/python3
"""The Netmiko contestant: Debian's python3-netmiko (2.4.2), a thread pool as wide as the concurrency.

usage: /usr/bin/python3 netmiko_fleet.py JOB.json RESULT.json
Same job file as the floor (tests/bench/Floor/Program.cs): devices, concurrency and the registration script.
Netmiko's own session preparation sends 'terminal length 0' and 'terminal width 511' (the script's set-up lines),
send_config_set sends 'configure terminal' ... 'end' around the configuration lines.
"""
import json, re, sys, time
from concurrent.futures import ThreadPoolExecutor

import paramiko
from netmiko import ConnectHandler

DEVICE_TYPES = {'IOS-XE': 'cisco_ios', 'NX-OS': 'cisco_nxos', 'IOS-XR': 'cisco_xr', 'ASA': 'cisco_asa'}


def register(device, script, fast_cli):
    started = time.monotonic()
    result = {'name': device['name'], 'ok': False, 'error': None, 'polls': 0, 'kex': None}
    conn = None
    try:
        conn = ConnectHandler(device_type=DEVICE_TYPES.get(script.get('platform', 'IOS-XE'), 'cisco_ios'),
                              host=device['host'], port=device['port'], username=device['username'],
                              password=device['password'], secret=device['enableSecret'], fast_cli=fast_cli,
                              timeout=60, auth_timeout=60, banner_timeout=60, allow_agent=False, system_host_keys=False)
        try:
            result['kex'] = conn.remote_conn.get_transport().kex_engine.__class__.__name__
        except AttributeError:
            pass
        if script['enable']:
            conn.enable()
        for line in script['exec']:
            conn.send_command(line)
        if script['config']:
            conn.send_config_set(script['config'])
        answers = {a['line']: a for a in script.get('answers', [])}
        for line in script.get('save', []) + script['register']:
            if line in answers:
                # The question comes before the prompt: wait for it, answer, then wait for the prompt.
                # expect_string on both: without it send_command first presses Enter to find the prompt, and that
                # Enter would answer the question (and the answer then goes to the CLI: 'QUIT' logs out).
                conn.send_command(line, expect_string=answers[line]['expect'])
                conn.send_command(answers[line]['answer'], expect_string=re.escape(conn.base_prompt) + r'[>#]')
            else:
                conn.send_command(line)
        poll = script['poll']
        done, failed = re.compile(poll['until']), re.compile(poll['failed']) if poll.get('failed') else None
        deadline = time.monotonic() + poll['timeoutSec']
        interval = poll['initialMs'] / 1000.0
        while True:
            output = conn.send_command(poll['command'])
            result['polls'] += 1
            if done.search(output):
                result['ok'] = True
                break
            if failed and failed.search(output):
                result['error'] = 'registration failed'
                break
            if time.monotonic() > deadline:
                result['error'] = 'registration still pending at the deadline'
                break
            time.sleep(interval)
            interval = min(poll['maxMs'] / 1000.0, interval * poll['factor'])
        for line in script['verify']:
            conn.send_command(line)
    except Exception as ex:  # a lost device is a result, not a crash
        result['ok'] = False
        result['error'] = '%s: %s' % (type(ex).__name__, str(ex).splitlines()[0] if str(ex) else '')
    finally:
        if conn is not None:
            try:
                conn.disconnect()
            except Exception:
                pass
    result['seconds'] = time.monotonic() - started
    return result


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    fast_cli = job.get('netmikoFastCli', True)
    with ThreadPoolExecutor(max_workers=max(1, job['concurrency'])) as pool:
        results = list(pool.map(lambda d: register(d, job['script'], fast_cli), job['devices']))
    with open(sys.argv[2], 'w') as f:
        json.dump({'devices': results}, f)
    ok = sum(1 for r in results if r['ok'])
    print('netmiko: %d/%d registered' % (ok, len(results)))
    for r in [r for r in results if not r['ok']][:5]:
        print('  %s: %s' % (r['name'], r['error']))


if __name__ == '__main__':
    main()
