# ConvertFrom-SsmLicenseOutput through the built module: pipeline shapes, hints, errors, every capture.
BeforeDiscovery {
    $fixtureDir = Join-Path $PSScriptRoot '../fixtures/device-outputs'
    $captures = Get-ChildItem $fixtureDir -Filter *.txt | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    $registered = Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt'
    $slpAll = Get-FixturePath 'device-outputs/iosxe17_show-license-all_slp-cslu-onprem-acked.txt'
}

Describe 'ConvertFrom-SsmLicenseOutput input shapes' {
    It 'parses lines piped from Get-Content into one object' {
        $result = @(Get-Content $registered | ConvertFrom-SsmLicenseOutput)
        $result.Count | Should -Be 1
        $result[0].RegistrationStatus | Should -Be 'Registered'
        $result[0].AuthorizationStatus | Should -Be 'Authorized'
        $result[0].Command | Should -Be 'show license status'
        $result[0].PSObject.TypeNames[0] | Should -Be 'SsmOnPrem.LicenseStatus'
    }

    It 'gives the same object for a single string, a string array and pipeline lines' {
        $lines = Get-Content $registered
        $a = Get-Content $registered | ConvertFrom-SsmLicenseOutput
        $b = ConvertFrom-SsmLicenseOutput -InputObject $lines
        $c = ConvertFrom-SsmLicenseOutput -InputObject (Get-Content -Raw $registered)
        foreach ($o in $b, $c) {
            $o.RegistrationStatus | Should -Be $a.RegistrationStatus
            $o.SmartAccount | Should -Be $a.SmartAccount
            $o.InitialRegistration | Should -Be $a.InitialRegistration
        }
        $a.SmartAccount | Should -Be 'Cisco Systems, TAC'
    }

    It 'gives one object per whole output when strings with line breaks are piped (Get-Content -Raw)' {
        $result = @(Get-Content -Raw $registered, $slpAll | ConvertFrom-SsmLicenseOutput)
        $result.Count | Should -Be 2
        $result[0].Mode | Should -Be 'SmartLicensing'
        $result[1].Mode | Should -Be 'SmartLicensingUsingPolicy'
        $result[1].TransportUrl | Should -Be 'http://8.39.22.48/cslu/v1/pi/CUBE%20Regression%20Mirabile-1'
        $result[1].LastAckReceived | Should -Be ([DateTimeOffset]::new(2025, 1, 30, 23, 57, 3, [TimeSpan]::FromMinutes(330)))
    }

    It 'accepts CRLF text' {
        $crlf = (Get-Content $registered) -join "`r`n"
        (ConvertFrom-SsmLicenseOutput $crlf).RegistrationStatus | Should -Be 'Registered'
    }
}

Describe 'ConvertFrom-SsmLicenseOutput hints' {
    It 'uses -Command for text without an echoed command' {
        $text = "UDI: PID:C9300-24T,SN:FOC1234X0AB"
        $result = ConvertFrom-SsmLicenseOutput $text -Command 'sh lic udi'
        $result.Command | Should -Be 'show license udi'
        $result.Udi.Pid | Should -Be 'C9300-24T'
        $result.Udi.SerialNumber | Should -Be 'FOC1234X0AB'
    }

    It 'uses -Platform when the text does not tell' {
        $path = Get-FixturePath 'device-outputs/nxos9_show-license-status_registered-partial.txt'
        (Get-Content $path | ConvertFrom-SsmLicenseOutput).Platform | Should -BeNullOrEmpty
        (Get-Content $path | ConvertFrom-SsmLicenseOutput -Platform NX-OS).Platform | Should -Be 'NX-OS'
    }

    It 'refuses an unknown -Platform value' {
        { 'x' | ConvertFrom-SsmLicenseOutput -Platform 'Junos' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SsmOnPrem.Commands.ConvertFromSsmLicenseOutputCommand'
    }

    It 'completes -Command with the known command names' {
        $completion = TabExpansion2 -inputScript "ConvertFrom-SsmLicenseOutput -Command 'show license s" -cursorColumn 53
        $completion.CompletionMatches.ListItemText | Should -Contain 'show license status'
        $completion.CompletionMatches.ListItemText | Should -Contain 'show license summary'
    }
}

Describe 'ConvertFrom-SsmLicenseOutput errors' {
    It 'writes a non-terminating NotLicenseOutput error for garbage and goes on' {
        $errors = $null
        $result = @('hello world' | ConvertFrom-SsmLicenseOutput -ErrorVariable errors -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotLicenseOutput,SsmOnPrem.Commands.ConvertFromSsmLicenseOutputCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -Match "show license"
    }

    It 'keeps going after a bad output in a stream of whole outputs' {
        $errors = $null
        $result = @("Building configuration...`nend`n", (Get-Content -Raw $registered) | ConvertFrom-SsmLicenseOutput -ErrorVariable errors -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 1
        $result[0].RegistrationStatus | Should -Be 'Registered'
        $errors.Count | Should -Be 1
    }

    It 'stops on garbage with -ErrorAction Stop (runbook style)' {
        { 'hello world' | ConvertFrom-SsmLicenseOutput -ErrorAction Stop } | Should -Throw -ErrorId 'NotLicenseOutput,SsmOnPrem.Commands.ConvertFromSsmLicenseOutputCommand'
    }
}

Describe 'Every capture in tests/fixtures/device-outputs' {
    It '<Name> parses through the module without a terminating error' -ForEach $captures {
        $errors = $null
        $result = @(Get-Content $Path | ConvertFrom-SsmLicenseOutput -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors.Count | Should -Be 0
        $result.Count | Should -Be 1
        $result[0].Command | Should -Not -BeNullOrEmpty
    }
}
