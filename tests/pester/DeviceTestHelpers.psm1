# Helpers for the device tests: a lab, a throwaway sshd of our own (for auth methods the lab does not offer), temp files.
Set-StrictMode -Version 3.0

function New-TestDirectory {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('ssm-devtest-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory $dir | Out-Null
    $dir
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

$script:FakeCli = @'
#!/bin/bash
# An IOS-like CLI: the pty echoes and turns \n into \r\n; we print prompts and answers.
printf 'authtest#'
while IFS= read -r line; do
  case "$line" in
    "show version") printf 'Cisco IOS XE Software, Version 17.03.04a\nProcessor board ID AUTH0001\n' ;;
    ""|"terminal length 0"|"terminal width 511") ;;
    exit) exit 0 ;;
    *) printf "%% Invalid input detected at '^' marker.\n" ;;
  esac
  printf 'authtest#'
done
'@

# Starts our own OpenSSH sshd on a dynamic loopback port whose ForceCommand runs $Script (bash), with the auth methods
# switched one by one. Uses the lab's login user and PAM service (Start-SsmLab created both). Shared by the device tests
# (auth methods the lab does not offer) and the hardening matrix (a device that never shows a prompt).
function Start-TestSshd {
    param(
        [Parameter(Mandatory)] [string] $Directory,
        [Parameter(Mandatory)] [string] $Script,
        [switch] $Password, [switch] $KeyboardInteractive, [switch] $PublicKey
    )
    $port = Get-FreeTcpPort
    $hostKey = Join-Path $Directory "host_$port"
    if (-not (Test-Path $hostKey)) { & ssh-keygen -q -t ed25519 -N '' -f $hostKey | Out-Null }
    $cli = Join-Path $Directory "cli_$port.sh"
    Set-Content $cli -NoNewline -Value $Script
    $yesNo = { param($on) if ($on) { 'yes' } else { 'no' } }
    $config = Join-Path $Directory "sshd_$port.conf"
    Set-Content $config @"
ListenAddress 127.0.0.1:$port
HostKey $hostKey
PidFile none
LogLevel ERROR
UsePAM yes
PasswordAuthentication $(& $yesNo $Password)
KbdInteractiveAuthentication $(& $yesNo $KeyboardInteractive)
PubkeyAuthentication $(& $yesNo $PublicKey)
AuthenticationMethods any
AuthorizedKeysFile $Directory/authorized_keys
StrictModes no
AllowUsers ssmlab
KexAlgorithms curve25519-sha256
ForceCommand /bin/bash $cli
"@
    $binary = Join-Path $Directory 'ssmonprem-lab-sshd'   # argv[0] names the PAM service the lab installed
    if (-not (Test-Path $binary)) { New-Item -ItemType SymbolicLink -Path $binary -Target '/usr/sbin/sshd' | Out-Null }
    $process = Start-Process -FilePath $binary -ArgumentList '-D', '-f', $config, '-E', (Join-Path $Directory "sshd_$port.log") -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break }
        catch { if ([DateTime]::UtcNow -gt $deadline) { throw "sshd did not start on $port" }; Start-Sleep -Milliseconds 50 }
    }
    $fingerprint = ((& ssh-keygen -l -E sha256 -f "$hostKey.pub") -split ' ')[1]
    [pscustomobject]@{ Port = $port; Process = $process; HostKeyFingerprint = $fingerprint }
}

# The sshd above with a tiny IOS-like CLI, for the auth-method tests.
function Start-AuthTestSshd {
    param(
        [Parameter(Mandatory)] [string] $Directory,
        [switch] $Password, [switch] $KeyboardInteractive, [switch] $PublicKey
    )
    Start-TestSshd -Directory $Directory -Script $script:FakeCli -Password:$Password -KeyboardInteractive:$KeyboardInteractive -PublicKey:$PublicKey
}

Export-ModuleMember -Function New-TestDirectory, Get-FreeTcpPort, Start-TestSshd, Start-AuthTestSshd
