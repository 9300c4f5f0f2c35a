# The examples in module/examples are run as a user would run them, against the lab: the runbook in
# pwsh -NonInteractive from an installed copy of the module, the walkthrough with parameters, the Ansible play's
# command line against the runbook's real parameters.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path (Get-RepoRoot) 'tests/tools/BuildHelpers.ps1')
    $examples = Join-Path (Get-RepoRoot) 'module/examples'
    $work = Join-Path ([IO.Path]::GetTempPath()) ("ssm-examples-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $work | Out-Null

    # Install the packaged module into a private module path, as Azure Automation or a worker would have it.
    $manifest = Import-PowerShellDataFile (Get-ModuleManifestPath)
    $package = New-ModulePackage -ModuleRoot (Get-RepoRoot) -OutDirectory (Join-Path $work 'out') -Version $manifest.ModuleVersion
    $modulePath = Join-Path $work 'out'

    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    $lab = Start-SsmLab -DeviceCount 4 -Platform 'IOS-XE-16', 'IOS-XE-17', 'NX-OS-9', 'ASA' -RegistrationDelayMs 100 -Path (Join-Path $work 'lab')

    # An inventory of the same shape as devices.csv, naming credentials instead of holding them.
    $inventory = Join-Path $work 'devices.csv'
    $lab.Devices | ForEach-Object {
        [pscustomobject]@{ ComputerName = $_.ComputerName; Port = $_.Port; CredentialName = 'lab-login'
            EnableCredentialName = "enable-$($_.Name)"; HostKeyFingerprint = $_.HostKeyFingerprint; Site = 'lab' }
    } | Export-Csv $inventory -NoTypeInformation
    Add-Content $inventory ''   # a trailing blank line, as hand-edited inventories have

    # Runs the runbook in a fresh non-interactive pwsh; credentials come from the lab, as they would from assets.
    function Invoke-Runbook([string] $Journal, [string] $ResultPath, [string] $Extra = '') {
        $server = [uri]$lab.OnPremServer
        Invoke-FreshPwsh @"
`$env:PSModulePath = '$modulePath' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$(Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1')'
`$lab = Get-SsmLab -Path '$($lab.Path)'
`$map = @{ 'ssm-api' = `$lab.ApiCredential; 'lab-login' = `$lab.Devices[0].Credential }
foreach (`$d in `$lab.Devices) { `$map["enable-`$(`$d.Name)"] = `$d.EnableCredential }
if (`$env:SSM_TEST_TOKEN) { `$map['ssm-token'] = [pscredential]::new('token', (ConvertTo-SecureString `$env:SSM_TEST_TOKEN -AsPlainText -Force)) }
& '$examples/Register-Fleet.Runbook.ps1' -InventoryPath '$inventory' -Server '$($server.Host)' -Port $($server.Port) -DevicePort $($server.Port) ``
    -CertificateThumbprint '$($lab.CertificateThumbprint)' -Account '$($lab.Account)' -VirtualAccount '$($lab.VirtualAccount)' ``
    -CredentialMap `$map -JournalPath '$Journal' -ResultPath '$ResultPath' -ThrottleLimit 4 $Extra
exit `$LASTEXITCODE
"@
    }
}

AfterAll {
    if ($lab) { $lab | Stop-SsmLab }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'module/examples' {
    It 'devices.csv has every column the runbook reads' {
        $columns = (Import-Csv (Join-Path $examples 'devices.csv') | Select-Object -First 1).PSObject.Properties.Name
        foreach ($c in 'ComputerName', 'Port', 'CredentialName', 'EnableCredentialName', 'HostKeyFingerprint') { $columns | Should -Contain $c }
    }

    It 'the runbook registers a CSV inventory under pwsh -NonInteractive and writes JSON results' {
        $journal = Join-Path $work 'run.jsonl'
        $resultPath = Join-Path $work 'result.json'
        $run = Invoke-Runbook -Journal $journal -ResultPath $resultPath
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $results = Get-Content $resultPath -Raw | ConvertFrom-Json
        @($results).Count | Should -Be 4
        $results | ForEach-Object { $_.Status | Should -BeIn 'Registered', 'Reported' -Because ($_ | Out-String) }
        @(Get-Content $journal | Where-Object { $_.Trim() }).Count | Should -Be 4   # opening the journal writes a blank line (disk probe)
        foreach ($d in $lab.Devices) { $run.Text | Should -Not -Match ([regex]::Escape($d.Credential.GetNetworkCredential().Password)) }
        $run.Text | Should -Not -Match ([regex]::Escape($lab.ApiCredential.GetNetworkCredential().Password))
    }

    It 'a rerun with the same journal registers nothing twice' {
        $journal = Join-Path $work 'run.jsonl'
        $resultPath = Join-Path $work 'result-2.json'
        $run = Invoke-Runbook -Journal $journal -ResultPath $resultPath
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $results = Get-Content $resultPath -Raw | ConvertFrom-Json
        @($results | Where-Object Status -EQ 'Skipped').Count | Should -Be 4
    }

    It 'the runbook can make the HTML report its job output, covering the devices of earlier runs' {
        $journal = Join-Path $work 'run.jsonl'
        $run = Invoke-Runbook -Journal $journal -ResultPath (Join-Path $work 'result-3.json') -Extra '-Output Report'
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Match '<!DOCTYPE html>'
        $run.Text | Should -Not -Match '<script'
        # This run skipped all 4 (done earlier); the report, built from the journal, shows them registered.
        $run.Text | Should -Match '<div class="label">Devices</div><div class="value">4</div>'
        $run.Text | Should -Match '<div class="label">Succeeded</div><div class="value">4</div>'
        Test-Path ([IO.Path]::ChangeExtension($journal, '.html')) | Should -BeTrue
    }

    It 'the walkthrough registers one device and verifies it' {
        $server = [uri]$lab.OnPremServer
        $device = $lab.Devices[0]   # IOS-XE 16, legacy Smart Licensing
        Reset-SsmLab -Path $lab.Path | Out-Null
        $run = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modulePath' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$(Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1')'
`$lab = Get-SsmLab -Path '$($lab.Path)'
`$d = `$lab.Devices | Where-Object Name -EQ '$($device.Name)'
`$r = & '$examples/Walkthrough.ps1' -Server '$($server.Host)' -Port $($server.Port) -DevicePort $($server.Port) ``
    -CertificateThumbprint '$($lab.CertificateThumbprint)' -Account '$($lab.Account)' -VirtualAccount '$($lab.VirtualAccount)' ``
    -ComputerName `$d.ComputerName -SshPort `$d.Port -HostKeyFingerprint `$d.HostKeyFingerprint ``
    -ApiCredential `$lab.ApiCredential -DeviceCredential `$d.Credential -EnableCredential `$d.EnableCredential
'status:' + (`$r | Select-Object -Last 1).Status
"@
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Output | Should -Contain 'status:Registered'
    }

    It 'the Ansible play passes only parameters the runbook has' {
        $play = Get-Content (Join-Path $examples 'register-fleet.ansible.yml') -Raw
        $play | Should -Match 'ansible\.windows\.win_shell'
        $runbookParameters = (Get-Command (Join-Path $examples 'Register-Fleet.Runbook.ps1')).Parameters.Keys
        $call = ($play -split "`n" | Where-Object { $_ -match 'Register-Fleet\.Runbook\.ps1' -or $_ -match '^\s+-\w' }) -join ' '
        $used = [regex]::Matches($call, '\s-([A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -notin 'Name' }
        $used | Should -Not -BeNullOrEmpty
        foreach ($p in $used) { $runbookParameters | Should -Contain $p }
        foreach ($p in 'InventoryPath', 'Server', 'CertificateThumbprint', 'Account', 'VirtualAccount', 'JournalPath', 'Shard', 'ShardCount', 'TokenCredentialName') { $used | Should -Contain $p }
    }

    It 'the Linux play that build.ps1 ScaleOut executes passes the same runbook parameters as the Windows play' {
        $runbookParameters = (Get-Command (Join-Path $examples 'Register-Fleet.Runbook.ps1')).Parameters.Keys
        $linux = Get-Content (Join-Path (Get-RepoRoot) 'tests/scaleout/register-shards.yml') -Raw
        $linuxUsed = [regex]::Matches($linux, '(?m)^\s+- -([A-Za-z]+)\s*$') | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -notin 'NoProfile', 'NonInteractive', 'File', 'Command' }
        $windows = Get-Content (Join-Path $examples 'register-fleet.ansible.yml') -Raw
        $windowsUsed = [regex]::Matches($windows, '\s-([A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -in $runbookParameters }
        foreach ($p in $linuxUsed) { $runbookParameters | Should -Contain $p }
        foreach ($p in 'Shard', 'ShardCount', 'TokenCredentialName', 'JournalPath', 'InventoryPath') { $linuxUsed | Should -Contain $p; $windowsUsed | Should -Contain $p }
    }

    It 'the runbook takes one shard of the inventory with a token shared by every shard' {
        Import-Module (Get-ModuleManifestPath) -Force
        $journal = Join-Path $work 'shard.jsonl'
        # The lab's ports are random, so the shard a device falls in is too: take the first shard count that splits the 4
        # devices (all in one shard happens 1 time in 8 with 2 shards) and the smallest non-empty shard, so the run must
        # both take its devices and leave the others.
        foreach ($shardCount in 2..8) {
            $groups = @($lab.Devices | Get-SsmShard -ShardCount $shardCount | Group-Object Shard | Sort-Object Count)
            if ($groups.Count -ge 2) { break }
        }
        $groups.Count | Should -BeGreaterOrEqual 2 -Because 'some shard count up to 8 splits the 4 lab devices'
        $shard = [int]$groups[0].Name
        $mine = @($groups[0].Group)
        Reset-SsmLab -Path $lab.Path | Out-Null
        Connect-SsmOnPrem -Server ([uri]$lab.OnPremServer).Host -Port ([uri]$lab.OnPremServer).Port -Credential $lab.ApiCredential `
            -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount | Out-Null
        $shared = New-SsmToken -Description 'examples: shared by two shards' -ExpiresAfterDays 1 -MaxUses 4 -AsPlainText
        Disconnect-SsmOnPrem
        $env:SSM_TEST_TOKEN = $shared.Token
        try { $run = Invoke-Runbook -Journal $journal -ResultPath (Join-Path $work 'shard.json') -Extra "-Shard $shard -ShardCount $shardCount -TokenCredentialName ssm-token" }
        finally { Remove-Item Env:SSM_TEST_TOKEN }
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $results = @(Get-Content (Join-Path $work 'shard.json') -Raw | ConvertFrom-Json)
        ($results | ForEach-Object { "$($_.ComputerName):$($_.Port)" } | Sort-Object) -join ',' | Should -Be (($mine | ForEach-Object { "$($_.ComputerName):$($_.Port)" } | Sort-Object) -join ',')
        $state = Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck
        @($state.tokens | Where-Object Value -EQ $shared.Token)[0].Uses | Should -Be $mine.Count -Because 'every device of the shard used the shared token, and no other token was created'
        $run.Text | Should -Not -Match ([regex]::Escape($shared.Token))
    }
}
