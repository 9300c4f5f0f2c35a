<#
.SYNOPSIS
    Runbook: register every device of a CSV inventory with SSM On-Prem; safe to kill and rerun.
.DESCRIPTION
    For Azure Automation (PowerShell 7.x or 5.1 runbook, SsmOnPrem imported as a module), a Hybrid Runbook Worker,
    a scheduled task or Ansible's win_shell. It never prompts: credentials come from Automation credential assets
    (Get-AutomationPSCredential) named in the inventory, or from -CredentialMap when you run it elsewhere.
    Results: one JSON document (array of per-device results) on the output stream and, with -ResultPath, in a file.
    The journal (-JournalPath) records each finished device at once; a rerun skips the devices already done, so a
    worker that dies halfway loses nothing and registers nothing twice. Exit code 0 when every device succeeded,
    1 when some failed (their results say at which stage and why), 2 when the run could not start.
    The HTML report (Export-SsmRegistrationReport) is built from the journal, so it covers every device of the run,
    also those done by an earlier, killed attempt. -ReportPath keeps it as a file; -Output Report makes it the job's
    output (the one thing an Azure Automation job keeps), with the JSON still in -ResultPath.
.PARAMETER InventoryPath
    CSV with ComputerName, Port, CredentialName, EnableCredentialName, HostKeyFingerprint columns (see devices.csv).
.PARAMETER ApiCredentialName
    Automation credential asset holding the On-Prem API client id (user name) and secret (password).
.PARAMETER CredentialMap
    Name -> PSCredential, for use outside Azure Automation (e.g. filled from SecretManagement). Wins over assets.
.PARAMETER Shard
    With -ShardCount: this worker's share of the inventory (0 to ShardCount-1). Every worker gets the same inventory,
    its own -Shard and its own -JournalPath (Get-SsmShard shows the split).
.PARAMETER ShardCount
    How many workers share the inventory (default 1: this worker takes all of it).
.PARAMETER TokenCredentialName
    A credential asset whose password is an ID token created once for the whole fleet (New-SsmToken -MaxUses sized to
    every shard's devices). Without it each run creates its own token for its devices (-NewToken).
.PARAMETER ReportPath
    Where to write the HTML report. Default: next to the journal (<journal>.html).
.PARAMETER Output
    Json (default): the per-device results as JSON on the output stream. Report: the HTML report instead, so that the
    job output is a page you can save and open (Get-AzAutomationJobOutput ... | Set-Content report.html).
.EXAMPLE
    # Azure Automation: parameters come from the job's schedule; credentials from assets 'ssm-api', 'campus-admins', ...
    .\Register-Fleet.Runbook.ps1 -InventoryPath .\devices.csv -Server onprem.example.com -CertificateThumbprint 3F2A... `
        -Account 'Example Corp' -VirtualAccount Campus -JournalPath C:\runs\2026-11.jsonl
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $InventoryPath,
    [Parameter(Mandatory)] [string] $Server,
    [int] $Port = 8443,
    [int] $DevicePort = 443,
    [Parameter(Mandatory)] [string] $CertificateThumbprint,
    [Parameter(Mandatory)] [string] $Account,
    [Parameter(Mandatory)] [string] $VirtualAccount,
    [string] $ApiCredentialName = 'ssm-api',
    [hashtable] $CredentialMap = @{},
    [string] $JournalPath = (Join-Path ([IO.Path]::GetTempPath()) 'ssmonprem-register.jsonl'),
    [string] $ResultPath,
    [ValidateRange(1, 256)] [int] $ThrottleLimit = 32,
    [string] $ReportPath,
    [ValidateSet('Json', 'Report')] [string] $Output = 'Json',
    [ValidateRange(0, 9999)] [int] $Shard = 0,
    [ValidateRange(1, 10000)] [int] $ShardCount = 1,
    [string] $TokenCredentialName
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # job streams, not a console
Import-Module SsmOnPrem

function Get-RunbookCredential([string] $Name) {
    if ([string]::IsNullOrWhiteSpace($Name)) { return $null }
    if ($CredentialMap.ContainsKey($Name)) { return $CredentialMap[$Name] }
    if (Get-Command Get-AutomationPSCredential -ErrorAction SilentlyContinue) { return Get-AutomationPSCredential -Name $Name }
    throw "No credential named '$Name': create an Automation credential asset of that name or pass it in -CredentialMap."
}

try {
    # Blank lines and rows without a ComputerName are skipped; duplicates are reported once by Register-SsmDevice.
    $devices = @(Import-Csv -Path $InventoryPath | Where-Object { $_.ComputerName -and $_.ComputerName.Trim() } | ForEach-Object {
        $device = [ordered]@{
            ComputerName = $_.ComputerName.Trim()
            Port         = if ($_.Port) { [int]$_.Port } else { 22 }
            Credential   = Get-RunbookCredential $_.CredentialName
        }
        $enable = Get-RunbookCredential $_.EnableCredentialName
        if ($enable) { $device.EnableCredential = $enable }
        if ($_.HostKeyFingerprint) { $device.HostKeyFingerprint = $_.HostKeyFingerprint.Trim() }
        [pscustomobject]$device
    })
    Connect-SsmOnPrem -Server $Server -Port $Port -DevicePort $DevicePort -Credential (Get-RunbookCredential $ApiCredentialName) `
        -CertificateThumbprint $CertificateThumbprint -Account $Account -VirtualAccount $VirtualAccount

    # One token shared by every shard, or -NewToken: a token sized to this run's devices.
    $register = @{ ThrottleLimit = $ThrottleLimit; JournalPath = $JournalPath; ErrorAction = 'Continue' }
    if ($ShardCount -gt 1) { $register.Shard = $Shard; $register.ShardCount = $ShardCount }
    if ($TokenCredentialName) { $register.Token = (Get-RunbookCredential $TokenCredentialName).Password } else { $register.NewToken = $true }
}
catch {
    Write-Error "The run could not start: $($_.Exception.Message)" -ErrorAction Continue
    exit 2
}

# Failures are non-terminating: every device gets a result.
$results = @($devices | Register-SsmDevice @register)

$report = $results | Select-Object ComputerName, Port, Hostname, Platform, Mode, Status, FailureStage, FailureReason, ErrorId,
    @{ n = 'Seconds'; e = { [math]::Round($_.Duration.TotalSeconds, 1) } }
$json = ConvertTo-Json -InputObject @($report) -Depth 5
if ($ResultPath) { Set-Content -Path $ResultPath -Value $json -Encoding utf8 }

# The report reads the journal: devices finished by an earlier, killed attempt are in it too. No secret reaches it.
if (-not $ReportPath) { $ReportPath = [IO.Path]::ChangeExtension($JournalPath, '.html') }
$runInfo = [ordered]@{ InventoryPath = $InventoryPath; Server = $Server; Account = $Account; VirtualAccount = $VirtualAccount; ThrottleLimit = $ThrottleLimit }
$summary = Export-SsmRegistrationReport -Path $ReportPath -JournalPath $JournalPath -Title "SsmOnPrem registration: $VirtualAccount" -RunParameter $runInfo -PassThru
Write-Verbose "Report: $ReportPath ($($summary.Succeeded) of $($summary.Total) succeeded, $($summary.Failed) failed)."
if ($Output -eq 'Report') { Get-Content -Path $ReportPath -Raw } else { $json }

Disconnect-SsmOnPrem
$failed = @($results | Where-Object Status -EQ 'Failed').Count
exit ([int]($failed -gt 0))
