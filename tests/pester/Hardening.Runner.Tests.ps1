# Hardening matrix, the runner: a run killed mid-fleet and resumed from its journal, Ctrl+C while devices connect, run a
# command and wait for a registration, and journals that cannot be written. One lab for the file.
# Tags: Fault = one injected fault per row (the README counts them).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:lab = Start-SsmLab -DeviceCount 16 -Platform 'IOS-XE-16' -RegistrationDelayMs 150
    $script:d = $lab.Devices
    $script:u = [uri]$lab.OnPremServer
    Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount
    $script:token = New-SsmToken -Description 'hardening runner' -MaxUses 100 -AsPlainText
    $script:cred = [pscredential]::new('u', (ConvertTo-SecureString 'RunnerPassw0rd' -AsPlainText -Force))
    function script:LabState { Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'Journal paths that cannot be written: a clear error before any device is touched' {
    BeforeAll { $script:peer = New-SilentPeer }
    AfterAll { $peer.Dispose() }

    It '<Name> -> JournalNotWritable' -Tag 'Fault' -ForEach @(
        @{ Name = 'disk full (/dev/full)'; Path = '/dev/full' }
        @{ Name = 'a folder under a regular file'; Path = '{file}/run.jsonl' }
        @{ Name = 'a folder as the journal'; Path = '{dir}' }
    ) {
        $file = Join-Path $TestDrive 'regular.txt'; Set-Content $file 'x'
        $path = $Path.Replace('{file}', $file).Replace('{dir}', $TestDrive)
        $before = $peer.Accepted
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = { Register-SsmDevice -ComputerName 127.0.0.1 -Port $peer.Port -Credential $cred -Token $token.Token -Url 'https://onprem.example.com/x' -JournalPath $path -TimeoutSec 3 -WaitTimeoutSec 3 } |
            Should -Throw -PassThru -ErrorId 'JournalNotWritable,SsmOnPrem.Commands.RegisterSsmDeviceCommand'
        $clock.ElapsedMilliseconds | Should -BeLessThan 20000 -Because 'it must not hang (reading /dev/full never ends)'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Nothing was sent'
        $peer.Accepted - $before | Should -Be 0
    }

    It 'a line cut by a kill does not swallow the next entry (the rerun''s result is journalled and readable)' -Tag 'Fault' {
        $journal = Join-Path $TestDrive 'torn.jsonl'
        [IO.File]::WriteAllText($journal, '{"ComputerName":"127.0.0.1","Port":1,"Status":"Regis')   # no newline: killed mid-write
        $null = Register-SsmDevice -ComputerName 127.0.0.1 -Port $peer.Port -Credential $cred -Token $token.Token -Url 'https://onprem.example.com/x' -JournalPath $journal -TimeoutSec 2 -WaitTimeoutSec 2 -ErrorAction SilentlyContinue
        $entries = @(Get-Content $journal | Where-Object { $_ } | ForEach-Object { try { $_ | ConvertFrom-Json } catch { } } | Where-Object { $_ })
        @($entries | Where-Object Port -EQ $peer.Port) | Should -HaveCount 1
    }
}

Describe 'pwsh killed mid-fleet, then the same command again with the same journal' {
    It 'loses nothing and registers nothing twice' -Tag 'Fault' {
        $devices = $d[0..7]
        $devices | ForEach-Object { Set-SsmLabDevice -Path $lab.Path -Name $_.Name -LatencyMs 150 | Out-Null }
        $csv = Join-Path $TestDrive 'fleet.csv'
        $devices | Select-Object ComputerName, Port, HostKeyFingerprint, @{ n = 'EnableSecret'; e = { $_.EnableCredential.GetNetworkCredential().Password } } | Export-Csv $csv
        $journal = Join-Path $TestDrive 'fleet.jsonl'
        $t = New-SsmToken -Description 'kill and resume' -MaxUses 100 -AsPlainText
        $script = @"
Import-Module '$(Get-ModuleManifestPath)'
`$api = [pscredential]::new('$($lab.ApiCredential.UserName)', (ConvertTo-SecureString '$($lab.ApiCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
Connect-SsmOnPrem -Credential `$api -Server $($u.Host) -Port $($u.Port) -DevicePort $($u.Port) -CertificateThumbprint $($lab.CertificateThumbprint) -Account '$($lab.Account)' -VirtualAccount '$($lab.VirtualAccount)'
`$login = [pscredential]::new('$($d[0].Credential.UserName)', (ConvertTo-SecureString '$($d[0].Credential.GetNetworkCredential().Password)' -AsPlainText -Force))
Import-Csv '$csv' | Select-Object *, @{ n = 'EnableCredential'; e = { [pscredential]::new('enable', (ConvertTo-SecureString `$_.EnableSecret -AsPlainText -Force)) } } |
    Register-SsmDevice -Token '$($t.Token)' -Credential `$login -ThrottleLimit 2 -JournalPath '$journal' -SkipConnectivityTest | Format-Table | Out-String -Width 200
"@
        $file = Join-Path $TestDrive 'run.ps1'; Set-Content $file $script
        $first = Start-Process (Get-PwshPath) -ArgumentList '-NoProfile', '-NonInteractive', '-File', $file -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'first.txt')
        Wait-Until { $first.HasExited -or ((Test-Path $journal) -and @(Get-Content $journal | Where-Object { $_ }).Count -ge 2) } 120 | Should -BeTrue
        $first.HasExited | Should -BeFalse -Because 'the run must be killed while devices are still being registered'
        Stop-Process -Id $first.Id -Force; $first.WaitForExit()
        @(Get-Content $journal | Where-Object { $_ }).Count | Should -BeLessThan $devices.Count

        $second = Invoke-FreshPwsh $script
        $second.ExitCode | Should -Be 0
        $entries = @(Get-Content $journal | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
        $byDevice = $entries | Group-Object { "$($_.ComputerName):$($_.Port)" }
        @($byDevice) | Should -HaveCount $devices.Count -Because 'nothing lost'
        @($byDevice | Where-Object Count -GT 1) | Should -HaveCount 0 -Because 'nothing journalled twice'
        $entries | ForEach-Object { $_.Status | Should -BeIn 'Registered', 'AlreadyRegistered' }
        ((LabState).tokens | Where-Object value -EQ $t.Token).uses | Should -BeLessOrEqual $devices.Count -Because 'no device spent the token twice'
        $devices | ForEach-Object { Set-SsmLabDevice -Path $lab.Path -Name $_.Name -LatencyMs 0 | Out-Null }
    }
}

Describe 'Ctrl+C (PowerShell.Stop) while devices connect, run a command and wait for a registration' {
    BeforeAll {
        $script:silent = New-SilentPeer
        Set-SsmLabDevice -Path $lab.Path -Name $d[9].Name -HangCommand 'show license status' | Out-Null
        Set-SsmLabDevice -Path $lab.Path -Name $d[10].Name -RegistrationStuck $true | Out-Null
        $inputs = @(
            $d[8] | Select-Object ComputerName, Port, Credential, EnableCredential, HostKeyFingerprint          # finishes: a partial result
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $silent.Port; Credential = $d[0].Credential } # stuck connecting
            $d[9] | Select-Object ComputerName, Port, Credential, EnableCredential, HostKeyFingerprint          # stuck in a command
            $d[10] | Select-Object ComputerName, Port, Credential, EnableCredential, HostKeyFingerprint         # stuck waiting
        )
        $script:baseline = Get-LabSessionCount $lab
        $script:output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($Manifest, $Devices, $Token, $Url)
            Import-Module $Manifest
            $Devices | Register-SsmDevice -Token $Token -Url $Url -ThrottleLimit 8 -TimeoutSec 300 -WaitTimeoutSec 300 -SkipConnectivityTest -ErrorAction SilentlyContinue
        }).AddArgument((Get-ModuleManifestPath)).AddArgument($inputs).AddArgument($token.Token).AddArgument("$($lab.OnPremServer)/Transportgateway/services/DeviceRequestHandler")
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        # Stop once the healthy device is done and the two lab devices hold a session (one in a command, one waiting).
        $script:ready = Wait-Until { $output.Count -ge 1 -and $silent.Accepted -ge 1 -and (Get-LabSessionCount $lab) -ge $baseline + 2 } 90
        Start-Sleep -Seconds 2
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $stop = $ps.BeginStop($null, $null)
        $script:stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
        $script:stopMs = $clock.ElapsedMilliseconds
        Write-Host "    Stop() returned after $stopMs ms"
        $script:state = "$($ps.InvocationStateInfo.State)"
        $script:closed = Wait-Until { (Get-LabSessionCount $lab) -le $baseline } 20
        $ps.Dispose()
    }
    AfterAll {
        $silent.Dispose()
        Set-SsmLabDevice -Path $lab.Path -Name $d[9].Name -HangCommand '' | Out-Null
        Set-SsmLabDevice -Path $lab.Path -Name $d[10].Name -RegistrationStuck $false | Out-Null
    }

    It 'reached the moment: one device done, one connecting, one in a command, one waiting' { $ready | Should -BeTrue }

    It 'stops promptly, not after the 300 s timeout (<Phase>)' -Tag 'Fault' -ForEach @(
        @{ Phase = 'during connect' }, @{ Phase = 'during a command' }, @{ Phase = 'during the wait' }
    ) {
        $stopped | Should -BeTrue
        $state | Should -Be 'Stopped'
    }

    It 'closes every session it opened (no sshd session process left)' { $closed | Should -BeTrue }

    It 'emitted the result of the device that finished before Ctrl+C' {
        @($output | Where-Object { $_.Status -eq 'Registered' }) | Should -HaveCount 1
        $output[0].Port | Should -Be $d[8].Port
    }
}
