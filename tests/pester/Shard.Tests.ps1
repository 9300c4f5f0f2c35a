# Sharding a fleet across workers: Get-SsmShard and -Shard/-ShardCount on the fleet cmdlets, through real PowerShell
# (a fresh pwsh per "worker", as Ansible or Azure Automation would start them) against the lab.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Get-SsmShard' {
    It 'gives the engine''s stable answer (the same numbers the .NET Framework build computes)' {
        (Get-SsmShard -ComputerName sw1.example.com -ShardCount 4).Shard | Should -Be 1
        (Get-SsmShard -ComputerName ' SW1.Example.COM ' -ShardCount 4).Shard | Should -Be 1
        $lab = Get-SsmShard -ComputerName 127.0.0.1 -Port 40022 -ShardCount 4
        $lab.Shard | Should -Be 0
        $lab.Key | Should -Be '127.0.0.1:40022'
        $lab.PSObject.TypeNames[0] | Should -Be 'SsmOnPrem.ShardAssignment'
    }

    It 'is the same in another process (no per-process hash seed)' {
        $names = 1..50 | ForEach-Object { "switch-$_.campus.example.com" }
        $here = $names | Get-SsmShard -ShardCount 7 | ForEach-Object Shard
        $there = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
('$($names -join "','")') | Get-SsmShard -ShardCount 7 | ForEach-Object { `$_.Shard }
"@
        $there.ExitCode | Should -Be 0
        ($there.Output -join ',') | Should -Be ($here -join ',')
    }

    It 'splits a CSV inventory by property name' {
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ ComputerName = "10.1.1.$_"; Port = 22; CredentialName = 'x' } }
        $groups = $rows | Get-SsmShard -ShardCount 4 | Group-Object Shard
        ($groups | Measure-Object Count -Sum).Sum | Should -Be 40
        $groups.Count | Should -Be 4
    }
}

Describe 'Bad shard parameters are refused before anything is sent' {
    BeforeAll {
        # A loopback peer that counts connections: nothing may reach it.
        $script:listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $script:peerPort = $listener.LocalEndpoint.Port
        $script:cred = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
    }
    AfterAll { $listener.Stop() }

    It '<Case>' -ForEach @(
        @{ Case = '-Shard without -ShardCount'; Arguments = @{ Shard = 1 }; ErrorId = 'ShardParametersIncomplete' }
        @{ Case = '-ShardCount without -Shard'; Arguments = @{ ShardCount = 4 }; ErrorId = 'ShardParametersIncomplete' }
        @{ Case = '-Shard 4 of 4 (they are 0..3)'; Arguments = @{ Shard = 4; ShardCount = 4 }; ErrorId = 'ShardOutOfRange' }
    ) {
        { Get-SsmLicenseStatus -ComputerName 127.0.0.1 -Port $peerPort -Credential $cred -HostKeyPolicy None -WarningAction SilentlyContinue @Arguments -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,SsmOnPrem.Commands.GetSsmLicenseStatusCommand"
        $listener.Pending() | Should -BeFalse -Because 'nothing may be sent to a device'
    }

    It '-Shard -1 and -ShardCount 0 fail parameter validation' {
        { Get-SsmShard -ComputerName a -ShardCount 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-SsmLicenseStatus -ComputerName a -Credential $cred -Shard -1 -ShardCount 2 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Three workers share one lab fleet' {
    BeforeAll {
        Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
        $script:lab = Start-SsmLab -DeviceCount 12 -Platform mix
        $script:byShard = @{}
        foreach ($shard in 0..2) {
            $byShard[$shard] = @($lab.Devices | Get-SsmLicenseStatus -Shard $shard -ShardCount 3 -ThrottleLimit 4 | ForEach-Object { "$($_.ComputerName):$($_.Port)" })
        }
    }
    AfterAll { if ($script:lab) { $script:lab | Stop-SsmLab } }

    It 'each worker reads exactly the devices Get-SsmShard gives it: none twice, none missed' {
        $all = $byShard[0] + $byShard[1] + $byShard[2]
        $all | Should -HaveCount 12
        ($all | Select-Object -Unique) | Should -HaveCount 12
        foreach ($shard in 0..2) {
            $expected = @($lab.Devices | Get-SsmShard -ShardCount 3 | Where-Object Shard -EQ $shard | ForEach-Object { "$($_.ComputerName):$($_.Port)" })
            ($byShard[$shard] | Sort-Object) -join ',' | Should -Be (($expected | Sort-Object) -join ',')
        }
    }
}
