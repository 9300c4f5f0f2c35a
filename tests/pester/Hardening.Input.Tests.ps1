# Hardening matrix, bad input: every value that reaches a device CLI or the On-Prem API is refused with a specific
# ErrorId BEFORE anything is sent. Proof of "nothing sent": the device target is a loopback peer that counts the TCP
# connections it accepts (must stay 0), and the On-Prem emulator's state shows no token created.
# Tags: BadInput = one bad input per row (the README counts them).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'OnPremEmulatorHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $script:peer = New-SilentPeer
    $script:emulator = Start-OnPremEmulator
    Connect-SsmOnPrem -Server $emulator.url -Credential $emulator.Credential -Account $emulator.account -VirtualAccount $emulator.virtualAccount `
        -CertificateThumbprint $emulator.certificateThumbprint -DevicePort $emulator.port
    $script:cred = [pscredential]::new('admin', (ConvertTo-SecureString 'Dev1cePassw0rd!' -AsPlainText -Force))
    $script:device = @{ ComputerName = '127.0.0.1'; Port = $peer.Port; Credential = $cred; HostKeyFingerprint = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'; TimeoutSec = 3 }
    $script:goodToken = 'ZmFrZS10b2tlbi1mb3ItaGFyZGVuaW5nLXRlc3Rz'
    # Runs a command, returns its errors (terminating or not) as ErrorRecords.
    function script:Errors([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        try { @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) } catch { @($_) }
    }
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:peer) { $peer.Dispose() }
    Stop-OnPremEmulator $script:emulator
}

Describe 'Values sent to a device CLI' {
    BeforeEach { $script:acceptedBefore = $peer.Accepted }
    AfterEach { $peer.Accepted - $acceptedBefore | Should -Be 0 -Because 'a refused value must not even open a connection' }

    It 'Register-SsmDevice -Token <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'with a newline'; Value = "ZmFrZS10b2tl`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a carriage return'; Value = "ZmFrZS10b2tl`rreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a control character'; Value = "ZmFrZS10b2tl`u{0007}"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with an ANSI escape'; Value = "ZmFrZS10b2tl`e[2J"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with ;'; Value = 'ZmFrZS10b2tl;reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with |'; Value = 'ZmFrZS10b2tl|include'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a space (two CLI words)'; Value = 'ZmFrZS10b2tl force'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'of 5000 characters'; Value = ('A' * 5000); ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with Cyrillic look-alikes'; Value = 'ZmFrZS10b2tlА0В'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'that is not a token (too short)'; Value = 'abc'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'that is not a token (a URL)'; Value = 'https://onprem/x?y'; ErrorId = 'UnsafeCliArgument' }
    ) {
        $e = Errors { Register-SsmDevice @device -Token $Value -Url 'https://onprem.example.com/Transportgateway/services/DeviceRequestHandler' }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($e[0])" | Should -Not -Match ([regex]::Escape($Value.Trim()))
    }

    It 'Register-SsmDevice / Set-SsmDeviceTransport -Url <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'with a newline'; Value = "https://onprem/x`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a carriage return'; Value = "https://onprem/x`r"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with an ANSI escape'; Value = "https://onprem/`e[31mx"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with ;'; Value = 'https://onprem/x;reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with |'; Value = 'https://onprem/x|reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a space'; Value = 'https://onprem/x reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'of 2000 characters'; Value = 'https://onprem/' + ('a' * 2000); ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a Unicode look-alike host'; Value = 'https://оnprem.example.com/x'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'that is not a URL'; Value = 'onprem.example.com'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a javascript: scheme'; Value = 'javascript:alert(1)'; ErrorId = 'UnsafeCliArgument' }
    ) {
        foreach ($cmd in 'Register-SsmDevice', 'Set-SsmDeviceTransport') {
            $extra = if ($cmd -eq 'Register-SsmDevice') { @{ Token = $goodToken } } else { @{} }
            $e = Errors { & $cmd @device @extra -Url $Value -Confirm:$false }
            $e | Should -HaveCount 1 -Because $cmd
            $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        }
    }

    It 'Set-SsmDeviceTransport -<Parameter> <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Parameter = 'SourceInterface'; Name = 'with a newline'; Value = "Gi0/0`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'SourceInterface'; Name = 'with ;'; Value = 'Gi0/0;reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'SourceInterface'; Name = 'with |'; Value = 'Gi0/0|x'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'SourceInterface'; Name = 'with an ANSI escape'; Value = "Gi0/0`e[2J"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'SourceInterface'; Name = 'of 500 characters'; Value = 'Gi' + ('0' * 498); ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with a newline'; Value = "Mgmt`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with a carriage return'; Value = "Mgmt`r"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with a space'; Value = 'Mgmt reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with Unicode look-alikes'; Value = 'Мgmt'; ErrorId = 'UnsafeCliArgument' }
    ) {
        $params = @{ $Parameter = $Value }
        $e = Errors { Set-SsmDeviceTransport @device -Url 'https://onprem.example.com/x' -Confirm:$false @params }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }

    It 'Test-SsmDeviceConnectivity -<Parameter> <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Parameter = 'Target'; Name = 'with a newline'; Value = "onprem`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Target'; Name = 'with ;'; Value = 'onprem;reload'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Target'; Name = 'with |'; Value = 'onprem|x'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Target'; Name = 'with Unicode look-alikes'; Value = 'оnprem.example.com'; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Target'; Name = 'of 300 characters'; Value = ('a' * 300); ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with a newline'; Value = "Mgmt`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Parameter = 'Vrf'; Name = 'with |'; Value = 'Mgmt|x'; ErrorId = 'UnsafeCliArgument' }
    ) {
        $params = @{ Target = 'onprem.example.com' }; $params[$Parameter] = $Value
        $e = Errors { Test-SsmDeviceConnectivity @device @params }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }

    It 'Invoke-SsmDeviceCommand -Command <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'with a newline'; Value = "show version`nreload"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a carriage return'; Value = "show version`r"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with a control character (Ctrl+Z)'; Value = "show version`u{001A}"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with an ANSI escape'; Value = "show `e[2J"; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with ? (context help)'; Value = 'show ?'; ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'of 1000 characters'; Value = 'show ' + ('x' * 995); ErrorId = 'UnsafeCliArgument' }
        @{ Name = 'with Unicode look-alikes'; Value = 'shоw version'; ErrorId = 'UnsafeCliArgument' }
    ) {
        $e = Errors { Invoke-SsmDeviceCommand @device -Command $Value }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }

    It '-ComputerName <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'with a newline'; Value = "sw1`nreload"; ErrorId = 'InvalidComputerName' }
        @{ Name = 'with ;'; Value = 'sw1;reload'; ErrorId = 'InvalidComputerName' }
        @{ Name = 'with |'; Value = 'sw1|x'; ErrorId = 'InvalidComputerName' }
        @{ Name = 'with an ANSI escape'; Value = "sw1`e[2J"; ErrorId = 'InvalidComputerName' }
        @{ Name = 'with a Unicode look-alike'; Value = 'ѕw1.example.com'; ErrorId = 'InvalidComputerName' }
        @{ Name = 'of 300 characters'; Value = ('a' * 300); ErrorId = 'InvalidComputerName' }
    ) {
        $params = $device.Clone(); $params.ComputerName = $Value
        $e = Errors { Invoke-SsmDeviceCommand @params -Command 'show version' }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }

    It 'a credential with an empty password -> <ErrorId> (<Cmdlet>)' -Tag 'BadInput' -ForEach @(
        @{ Cmdlet = 'New-SsmDeviceSession'; ErrorId = 'EmptyPassword' }
        @{ Cmdlet = 'Register-SsmDevice'; ErrorId = 'EmptyPassword' }
    ) {
        $params = $device.Clone(); $params.Credential = [pscredential]::new('admin', [securestring]::new())
        if ($Cmdlet -eq 'Register-SsmDevice') { $params.Token = $goodToken; $params.Url = 'https://onprem.example.com/x' }
        $e = Errors { & $Cmdlet @params }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }
}

Describe 'CSV inventories' {
    BeforeAll {
        $script:csvDir = Join-Path $TestDrive 'csv'
        New-Item -ItemType Directory $csvDir | Out-Null
        function script:Csv([string] $Name, [string] $Text) { $p = Join-Path $csvDir $Name; Set-Content $p $Text; $p }
    }
    BeforeEach { $script:acceptedBefore = $peer.Accepted }
    AfterEach { $peer.Accepted - $acceptedBefore | Should -Be 0 }

    It 'missing ComputerName column: one binding error per row, nothing sent' -Tag 'BadInput' {
        $csv = Csv 'nocol.csv' "Host,Port`nsw1,$($peer.Port)`nsw2,$($peer.Port)"
        $e = Errors { Import-Csv $csv | Register-SsmDevice -Credential $cred -Token $goodToken -Url 'https://onprem.example.com/x' }
        $e.Count | Should -Be 2
        $e | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InputObjectMissingMandatory,*' }
    }

    It 'missing CredentialName in -CredentialMap: CredentialRequired, nothing sent' -Tag 'BadInput' {
        $csv = Csv 'nocred.csv' "ComputerName,Port,CredentialName`n127.0.0.1,$($peer.Port),nosuch"
        $e = Errors { Import-Csv $csv | Register-SsmDevice -CredentialMap @{ lab = $cred } -Token $goodToken -Url 'https://onprem.example.com/x' }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'CredentialRequired,*'
    }

    It 'blank lines and a row with an empty ComputerName: the empty row is refused by name, blank lines ignored' -Tag 'BadInput' {
        $csv = Csv 'blank.csv' "ComputerName,Port`n`n,$($peer.Port)`n`n"
        $e = Errors { Import-Csv $csv | Invoke-SsmDeviceCommand -Credential $cred -Command 'show version' }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
    }

    It 'duplicate devices (same host and port twice, different case): worked on once, with a warning' -Tag 'BadInput' {
        $closed = $peer.Port
        $csv = Csv 'dup.csv' "ComputerName,Port`nsw-dup.invalid,$closed`nSW-DUP.invalid,$closed"
        $all = & { $ErrorActionPreference = 'Continue'; Import-Csv $csv | Register-SsmDevice -Credential $cred -Token $goodToken -Url 'https://onprem.example.com/x' -HostKeyFingerprint 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' -TimeoutSec 2 -WaitTimeoutSec 2 } 2>&1 3>&1
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and "$_" -match 'more than once' }) | Should -HaveCount 1
        $e = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $e | Should -HaveCount 1   # the one device fails (name does not resolve), once
    }
}

Describe 'On-Prem parameters' {
    BeforeEach { $script:acceptedBefore = $peer.Accepted }
    AfterEach { @((Get-EmulatorState $emulator).tokens).Count | Should -Be 0 -Because 'nothing may be created by a refused request' }

    It 'Connect-SsmOnPrem -Server <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'with http://'; Value = 'http://127.0.0.1:{port}'; ErrorId = 'InvalidServerAddress' }
        @{ Name = 'with ftp://'; Value = 'ftp://127.0.0.1:{port}'; ErrorId = 'InvalidServerAddress' }
        @{ Name = 'with a newline'; Value = "127.0.0.1`n:{port}"; ErrorId = 'InvalidServerAddress' }
        @{ Name = 'with a path and a space'; Value = '127.0.0.1/a b'; ErrorId = 'InvalidServerAddress' }
        @{ Name = 'with user info'; Value = 'evil@127.0.0.1:{port}'; ErrorId = 'InvalidServerAddress' }
        @{ Name = 'of 2000 characters'; Value = ('a' * 2000); ErrorId = 'InvalidServerAddress' }
    ) {
        $server = $Value.Replace('{port}', "$($peer.Port)")
        $e = Errors { Connect-SsmOnPrem -Server $server -Credential $emulator.Credential -Account $emulator.account -CertificateThumbprint $emulator.certificateThumbprint -TimeoutSec 3 }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($e[0])" | Should -Not -Match ([regex]::Escape($emulator.clientSecret))
        $peer.Accepted - $acceptedBefore | Should -Be 0
    }

    It 'Connect-SsmOnPrem -CertificateThumbprint <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = 'not hex'; Value = 'zz' * 32; ErrorId = 'InvalidThumbprint' }
        @{ Name = 'of a wrong length'; Value = 'AB' * 10; ErrorId = 'InvalidThumbprint' }
        @{ Name = 'with a newline'; Value = ('AB' * 16) + "`n" + ('AB' * 16); ErrorId = 'InvalidThumbprint' }
    ) {
        $e = Errors { Connect-SsmOnPrem -Server "127.0.0.1:$($peer.Port)" -Credential $emulator.Credential -Account $emulator.account -CertificateThumbprint $Value }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $peer.Accepted - $acceptedBefore | Should -Be 0
    }

    It 'New-SsmToken <Name> -> <ErrorId>' -Tag 'BadInput' -ForEach @(
        @{ Name = '-ExpiresAfterDays 0'; Params = @{ ExpiresAfterDays = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Name = '-ExpiresAfterDays 10000'; Params = @{ ExpiresAfterDays = 10000 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Name = '-ExpiresAfterDays -1'; Params = @{ ExpiresAfterDays = -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Name = '-MaxUses 0'; Params = @{ MaxUses = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Name = '-VirtualAccount with a newline'; Params = @{ VirtualAccount = "Campus`nX" }; ErrorId = 'VirtualAccountNotFound' }
    ) {
        $e = Errors { New-SsmToken @Params }
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }
}

Describe 'Parser abuse' {
    It 'ConvertFrom-SsmLicenseOutput on <Name>: a specific error or a parsed status, never a crash' -Tag 'BadInput' -ForEach @(
        @{ Name = 'a 1 MB line'; Make = { 'Registration: ' + ('A' * 1MB) } }
        @{ Name = 'binary junk'; Make = { $r = [Random]::new(8); $b = [byte[]]::new(200KB); $r.NextBytes($b); [Text.Encoding]::Latin1.GetString($b) } }
        @{ Name = 'another command''s output (show running-config)'; Make = { "Building configuration...`n!`nhostname sw1`n!`ninterface Gi0/0`n ip address 10.0.0.1 255.255.255.0`n!`nend" } }
        @{ Name = 'truncated show license status'; Make = { $t = Get-Content (Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt') -Raw; $t.Substring(0, [int]($t.Length / 3)) } }
        @{ Name = 'a 1 MB line inside real output'; Make = { (Get-Content (Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt') -Raw) + ('x' * 1MB) } }
        @{ Name = 'ANSI escapes and NULs in real output'; Make = { (Get-Content (Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt') -Raw).Replace('Status:', "`e[31mStatus:`0") } }
        @{ Name = 'an empty string'; Make = { '' } }
    ) {
        $text = & $Make
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $errs = $null
        $out = $null
        { $script:out = $text | ConvertFrom-SsmLicenseOutput -ErrorAction SilentlyContinue -ErrorVariable script:errs } | Should -Not -Throw
        $clock.Stop()
        Write-Host "    $Name parsed in $($clock.ElapsedMilliseconds) ms"
        $got = @($script:out) + @($script:errs) | Where-Object { $_ }
        if ($Name -ne 'an empty string') { $got | Should -Not -BeNullOrEmpty }
        foreach ($e in @($script:errs)) { $e.FullyQualifiedErrorId | Should -BeLike 'NotLicenseOutput,*' }
    }
}
