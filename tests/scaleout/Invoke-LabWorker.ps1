<#
.SYNOPSIS
    One Ansible worker's shard against the lab: builds the credential map a real worker would take from its secret store
    (here: the lab's root-only state folder, SSMONPREM_LAB) and the shared token (SSMONPREM_TOKEN), then runs the module's
    runbook, module/examples/Register-Fleet.Runbook.ps1, with every other parameter passed through unchanged.
#>
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1')
# The module as a worker has it installed (the controller packaged it into SSMONPREM_MODULE_PATH).
$env:PSModulePath = $env:SSMONPREM_MODULE_PATH + [IO.Path]::PathSeparator + $env:PSModulePath
$lab = Get-SsmLab -Path $env:SSMONPREM_LAB
$map = @{
    'ssm-api'   = $lab.ApiCredential
    'lab-login' = $lab.Devices[0].Credential
    'ssm-token' = [pscredential]::new('token', (ConvertTo-SecureString $env:SSMONPREM_TOKEN -AsPlainText -Force))
}
foreach ($d in $lab.Devices) { if ($d.EnableCredential) { $map["enable-$($d.Name)"] = $d.EnableCredential } }
Remove-Item Env:SSMONPREM_TOKEN
& (Join-Path $root 'module/examples/Register-Fleet.Runbook.ps1') @args -CredentialMap $map
exit $LASTEXITCODE
