<#
.SYNOPSIS
    The interactive path, one device: what an admin types at a prompt.
.DESCRIPTION
    1. Connect-SsmOnPrem with an API Toolkit client (client id = user name, client secret = password) and the server's
       certificate thumbprint pinned (or a trusted certificate).
    2. Create a registration token that allows exactly one use.
    3. Register the device: its transport is pointed at On-Prem (the URL comes from the server), On-Prem is pinged from
       the device, then 'license smart register idtoken ...' (legacy) or trust + first usage report (Smart Licensing
       Using Policy) runs, and the cmdlet waits for the outcome.
    4. Verify, and look the device up in On-Prem's inventory.
    Every step returns objects; nothing prompts except Get-Credential when you do not pass credentials.
.EXAMPLE
    ./Walkthrough.ps1 -Server onprem.example.com -CertificateThumbprint 3F2A... -Account 'Example Corp' -VirtualAccount Campus -ComputerName 10.20.0.11
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Server,
    [int] $Port = 8443,
    [int] $DevicePort = 443,
    [Parameter(Mandatory)] [string] $CertificateThumbprint,
    [Parameter(Mandatory)] [string] $Account,
    [Parameter(Mandatory)] [string] $VirtualAccount,
    [Parameter(Mandatory)] [string] $ComputerName,
    [int] $SshPort = 22,
    [string] $HostKeyFingerprint,
    [pscredential] $ApiCredential = (Get-Credential -Message 'SSM On-Prem API client (id / secret)'),
    [pscredential] $DeviceCredential = (Get-Credential -Message "SSH login for $ComputerName"),
    [pscredential] $EnableCredential
)
$ErrorActionPreference = 'Stop'
Import-Module SsmOnPrem

# 1. Sign in. TLS is verified; the thumbprint pins this server's certificate.
Connect-SsmOnPrem -Server $Server -Port $Port -DevicePort $DevicePort -Credential $ApiCredential `
    -CertificateThumbprint $CertificateThumbprint -Account $Account -VirtualAccount $VirtualAccount

# 2. A token for one device, valid for a day. It is a SecureString; tables show only a masked hint.
$token = New-SsmToken -Description "Walkthrough $ComputerName" -ExpiresAfterDays 1 -MaxUses 1

# 3. Register. With a fingerprint the device's SSH host key is pinned; without one the known-hosts file decides.
$device = @{ ComputerName = $ComputerName; Port = $SshPort; Credential = $DeviceCredential }
if ($EnableCredential) { $device.EnableCredential = $EnableCredential }
if ($HostKeyFingerprint) { $device.HostKeyFingerprint = $HostKeyFingerprint }
$result = Register-SsmDevice @device -Token $token
$result | Format-List ComputerName, Platform, Mode, Status, FailureStage, FailureReason, Duration

# 4. Verify from the device's own words, then from On-Prem's side.
Test-SsmRegistration @device -Detailed
Get-SsmProductInstance | Where-Object { $_.SerialNumber -eq $result.LicenseStatus.Udi.SerialNumber }

Disconnect-SsmOnPrem
$result
