# The SSM On-Prem emulator ('SsmOnPrem.Lab onprem') alone, for the On-Prem and hardening suites: start it out of process,
# read and set its own /lab endpoints, stop it.
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

# The SSM On-Prem emulator alone, out of process, HTTPS on a dynamic port (or -Port), with its own state folder.
function Start-OnPremEmulator([string[]] $ExtraArgs = @(), [int] $Port = 0, [string] $RepoRoot = (Get-RepoRoot)) {
    $dll = Join-Path $RepoRoot 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.dll'
    if (-not (Test-Path $dll)) { throw "Build first: $dll is missing (dotnet pwsh ./build.ps1 Build)." }
    $dir = Join-Path ([IO.Path]::GetTempPath()) ("ssm-onprem-" + [guid]::NewGuid().ToString('N').Substring(0, 10))
    New-Item -ItemType Directory $dir | Out-Null
    $process = Start-Process dotnet -ArgumentList (@($dll, 'onprem', '--port', $Port, '--state-dir', $dir) + $ExtraArgs) -PassThru `
        -RedirectStandardOutput (Join-Path $dir 'stdout.txt') -RedirectStandardError (Join-Path $dir 'stderr.txt')
    $json = Join-Path $dir 'onprem.json'
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $json)) {
        if ($process.HasExited) { throw "The emulator exited: $(Get-Content (Join-Path $dir 'stderr.txt') -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    Start-Sleep -Milliseconds 100   # the file may still be being written
    $emulator = Get-Content $json -Raw | ConvertFrom-Json
    $emulator | Add-Member NoteProperty Process $process
    $emulator | Add-Member NoteProperty Directory $dir
    $emulator | Add-Member NoteProperty Credential ([pscredential]::new($emulator.clientId, (ConvertTo-SecureString $emulator.clientSecret -AsPlainText -Force)))
    $emulator
}

function Stop-OnPremEmulator($Emulator) {
    if (-not $Emulator) { return }
    Stop-Process -Id $Emulator.Process.Id -ErrorAction SilentlyContinue
    $Emulator.Process.WaitForExit(5000) | Out-Null
    Remove-Item $Emulator.Directory -Recurse -Force -ErrorAction SilentlyContinue
}

# The harness reads and sets the emulator's own /lab endpoints (not the API under test), so it skips certificate checks.
function Get-EmulatorState($Emulator) { Invoke-RestMethod "$($Emulator.url)/lab/state" -SkipCertificateCheck }
function Set-EmulatorFault($Emulator, [hashtable] $Faults) {
    Invoke-RestMethod "$($Emulator.url)/lab/faults" -Method Post -SkipCertificateCheck -ContentType 'application/json' -Body ($Faults | ConvertTo-Json) | Out-Null
}
function Reset-Emulator($Emulator) { Invoke-RestMethod "$($Emulator.url)/lab/reset" -Method Post -SkipCertificateCheck | Out-Null }

Export-ModuleMember -Function Start-OnPremEmulator, Stop-OnPremEmulator, Get-EmulatorState, Set-EmulatorFault, Reset-Emulator
