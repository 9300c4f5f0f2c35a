<#
.SYNOPSIS
    The SsmOnPrem tour in two minutes: license a small mixed fleet of (emulated) Cisco devices against an (emulated)
    Cisco Smart Software Manager On-Prem, the way an admin would with the real thing.
.DESCRIPTION
    Starts the lab (an HTTPS SSM On-Prem emulator and seven Cisco devices behind a real OpenSSH sshd on 127.0.0.1),
    connects to On-Prem with its certificate pinned, reads the device-facing transport URLs, creates a registration
    token, registers the whole fleet in one pipeline (legacy Smart Licensing devices register; Smart Licensing Using
    Policy devices get the CSLU transport, a trust code and a first usage report), syncs SLP usage again, verifies every
    device, prints a summary and shows On-Prem's inventory. The lab is stopped at the end, also when something fails.
    Run it with: dotnet tool restore; dotnet pwsh ./build.ps1 Demo
#>
[CmdletBinding()]
param(
    # The repository root (build.ps1 passes it).
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
Import-Module (Join-Path $Root 'SsmOnPrem.psd1') -Force

function Step([string] $Text) { Write-Host ''; Write-Host "==> $Text" -ForegroundColor Cyan }
function Say([string] $Text) { Write-Host "    $Text" }
# Tables are rendered 150 columns wide whatever the console (logs and CI have none).
function Show { $input | Out-String -Width 150 | Write-Host -NoNewline }
function Clock($Date) { if ($Date) { $Date.ToLocalTime().ToString('HH:mm:ss') } }

$lab = $null
$clock = [Diagnostics.Stopwatch]::StartNew()
try {
    Step 'Starting the lab: an SSM On-Prem emulator (HTTPS) and 7 Cisco devices behind a real OpenSSH sshd'
    $lab = Start-SsmLab -DeviceCount 7 -Platform 'IOS-XE-16', 'IOS-XE-17', 'NX-OS-9', 'NX-OS-10', 'IOS-XR', 'ASA', 'IOS-XE-16' -RegistrationDelayMs 800
    $lab.Devices | Format-Table @{ n = 'Device'; e = 'Name' }, Platform, Release,
        @{ n = 'Licensing'; e = { if ($_.SmartLicensingUsingPolicy) { 'Smart Licensing Using Policy' } else { 'Smart Licensing (legacy)' } } },
        @{ n = 'SSH'; e = { "$($_.ComputerName):$($_.Port)" } } -AutoSize | Show
    $broken = $lab.Devices[6]
    # A realistic field failure: the device cannot deliver its registration message (e.g. a proxy or firewall in the way).
    $null = Set-SsmLabDevice -Path $lab.Path -Name $broken.Name -RegistrationFailure 'Fail to send out Call Home HTTP message.'
    Say "$($broken.Name) is set up to fail the way a device behind a blocking proxy does."

    Step 'Connect-SsmOnPrem: OAuth client credentials, TLS verified against the pinned certificate thumbprint'
    $server = [uri]$lab.OnPremServer
    $connection = Connect-SsmOnPrem -Server $server.Host -Port $server.Port -DevicePort $server.Port -Credential $lab.ApiCredential `
        -ServerCertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount -PassThru
    Say "Connected to $($connection.BaseUri) as '$($connection.ClientId)', account '$($connection.Account)', virtual account '$($connection.VirtualAccount)'."

    Step 'Test-SsmOnPremApi: which API endpoints this On-Prem answers (read-only probe)'
    Test-SsmOnPremApi | Where-Object Result -NE 'Skipped' | Format-Table Endpoint, Method, Result, StatusCode, Evidence -AutoSize | Show

    Step 'Get-SsmTransportUrl: where devices send their licensing messages (CSLU: the local account''s tenant, %20 kept)'
    'CallHome', 'Cslu' | ForEach-Object { Get-SsmTransportUrl -Type $_ } | Format-Table Type, Url -AutoSize | Show

    Step 'New-SsmToken: a registration token for this fleet (shown masked; it is a SecureString)'
    $token = New-SsmToken -Description 'SsmOnPrem demo' -ExpiresAfterDays 1
    Get-SsmToken | Format-Table TokenHint, VirtualAccount, Description, ExpiresOn, Status -AutoSize | Show

    Step 'Register-SsmDevice: the whole fleet in one pipeline, 8 devices at a time'
    Say 'Per device: identify platform and licensing mode -> configure the transport -> ping On-Prem from the device ->'
    Say 'register (legacy) or trust + first usage report (SLP) -> wait for the outcome -> verify.'
    $results = $lab.Devices | Register-SsmDevice -Token $token -ThrottleLimit 8 -ErrorAction SilentlyContinue -ErrorVariable failures
    foreach ($f in $failures) { Say "non-terminating error: $($f.FullyQualifiedErrorId): $($f.Exception.Message)" }

    Step 'What was sent to one legacy device (secrets masked)'
    ($results | Where-Object { $_.Platform -eq 'IOS-XE' -and $_.Status -eq 'Registered' } | Select-Object -First 1).CommandsSent | ForEach-Object { Say $_ }

    Step 'Sync-SsmUsage: another usage report from every SLP device, waiting for On-Prem''s acknowledgement'
    $lab.Devices | Where-Object SmartLicensingUsingPolicy | Sync-SsmUsage -Wait |
        Format-Table Hostname, Platform, Scope, Acknowledged, @{ n = 'LastAckReceived'; e = { Clock $_.LastAckReceived } } -AutoSize | Show

    Step 'Test-SsmRegistration: is every device licensed the way it should be?'
    $lab.Devices | Test-SsmRegistration -Detailed -IncludeInventory |
        Format-Table Hostname, Platform, Mode, Passed, @{ n = 'First failed check'; e = { ($_.Checks | Where-Object { -not $_.Passed } | Select-Object -First 1) } } -AutoSize | Show

    Step 'Summary'
    $results | Sort-Object Hostname | Format-Table Hostname, Platform, Mode, Status, FailureStage, FailureReason,
        @{ n = 'Time'; e = { '{0:0.0}s' -f $_.Duration.TotalSeconds } } -AutoSize -Wrap | Show
    $ok = @($results | Where-Object Status -In 'Registered', 'Reported', 'AlreadyRegistered').Count
    Say "$ok of $($results.Count) devices licensed; $(@($results | Where-Object Status -EQ 'Failed').Count) failed with the device's own reason."

    Step 'Get-SsmProductInstance: the inventory as SSM On-Prem sees it'
    Get-SsmProductInstance | Format-Table Name, ProductId, SerialNumber, Transport, @{ n = 'Registered'; e = { Clock $_.RegisteredOn } },
        @{ n = 'Trusted'; e = { Clock $_.TrustedOn } }, @{ n = 'LastReport'; e = { Clock $_.LastReportOn } },
        @{ n = 'Alerts'; e = { ($_.Alerts.Message | Select-Object -Unique) -join '; ' } } -AutoSize -Wrap | Show

    Say ("Demo finished in {0:0} s." -f $clock.Elapsed.TotalSeconds)
}
finally {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($lab) {
        Step 'Stopping the lab'
        $lab | Stop-SsmLab
    }
}
