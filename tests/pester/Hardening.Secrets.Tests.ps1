# Hardening matrix, secrets: a demo-like flow (connect, token, register a small fleet with one failure, commands, status,
# a wrong enable secret, -WhatIf) runs in a fresh pwsh -NonInteractive with -Verbose -Debug, a transcript, per-device
# -TranscriptPath session logs and a journal; results go to JSON. Every password, enable secret, client secret, ID token
# and access token used must be absent from all of it. Then the safe defaults: TLS verified, host keys Strict, no prompt.
# Tags: Secrets = one secret scanned for per row (the README counts them).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'HardeningHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    $script:lab = Start-SsmLab -DeviceCount 4 -Platform 'IOS-XE-16', 'IOS-XE-17', 'NX-OS-9', 'IOS-XE-16' -RegistrationDelayMs 150
    $d = $lab.Devices
    Set-SsmLabDevice -Path $lab.Path -Name $d[3].Name -RegistrationFailure 'Fail to send out Call Home HTTP message.' | Out-Null
    $script:out = Join-Path ([IO.Path]::GetTempPath()) ('ssm-hard-secrets-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    New-Item -ItemType Directory $out | Out-Null
    $u = [uri]$lab.OnPremServer
    $script:wrongEnable = 'WrongEnableSecret-42'
    # Secrets reach the child as environment variables, not in its script text (the script file is not scanned anyway).
    $env:SSM_HARD_API = $lab.ApiCredential.GetNetworkCredential().Password
    $env:SSM_HARD_LOGIN = $d[0].Credential.GetNetworkCredential().Password
    $env:SSM_HARD_ENABLE = ($d | ForEach-Object { $_.EnableCredential.GetNetworkCredential().Password }) -join "`t"
    $script:flow = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-ModuleManifestPath)'
Start-Transcript -Path '$out/transcript.txt' | Out-Null
`$VerbosePreference = 'Continue'; `$DebugPreference = 'Continue'
& {
    `$api = [pscredential]::new('$($lab.ApiCredential.UserName)', (ConvertTo-SecureString `$env:SSM_HARD_API -AsPlainText -Force))
    `$login = [pscredential]::new('$($d[0].Credential.UserName)', (ConvertTo-SecureString `$env:SSM_HARD_LOGIN -AsPlainText -Force))
    `$enables = `$env:SSM_HARD_ENABLE -split "``t"
    Connect-SsmOnPrem -Server $($u.Host) -Port $($u.Port) -DevicePort $($u.Port) -Credential `$api -CertificateThumbprint $($lab.CertificateThumbprint) -Account '$($lab.Account)' -VirtualAccount '$($lab.VirtualAccount)' -Verbose -Debug
    `$token = New-SsmToken -Description 'secrets scan' -MaxUses 10 -Verbose -Debug
    `$token | Format-List * | Out-String
    Get-SsmToken -Verbose -Debug | Format-List * | Out-String
    `$ports = @($(($d.Port) -join ', '))
    `$fleet = for (`$i = 0; `$i -lt `$ports.Count; `$i++) {
        [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = `$ports[`$i]; Credential = `$login; HostKeyPolicy = 'AcceptNew'; KnownHostsPath = '$out/known_hosts'
            EnableCredential = [pscredential]::new('enable', (ConvertTo-SecureString `$enables[`$i] -AsPlainText -Force)); TranscriptPath = "$out/session-`$i.log" }
    }
    `$fleet | Register-SsmDevice -Token `$token -WhatIf -Verbose
    `$results = `$fleet | Register-SsmDevice -Token `$token -ThrottleLimit 4 -JournalPath '$out/journal.jsonl' -Verbose -Debug
    `$results | Format-List * | Out-String -Width 300
    `$results | ConvertTo-Json -Depth 5 | Set-Content '$out/results.json'
    `$plain = `$token.Token | ConvertFrom-SecureString -AsPlainText
    `$s = `$fleet[0] | New-SsmDeviceSession -Verbose -Debug
    Invoke-SsmDeviceCommand -Session `$s -Command "license smart register idtoken `$plain force", 'show license status' -Force -Verbose -Debug | ConvertTo-Json -Depth 5
    `$s | Get-SsmLicenseStatus -Verbose -Debug | ConvertTo-Json -Depth 5
    `$s | Remove-SsmDeviceSession -Verbose
    `$fleet[1] | Select-Object ComputerName, Port, Credential, KnownHostsPath, @{ n = 'EnableCredential'; e = { [pscredential]::new('enable', (ConvertTo-SecureString '$wrongEnable' -AsPlainText -Force)) } } |
        New-SsmDeviceSession -Verbose -Debug
    `$bad = [pscredential]::new('$($lab.ApiCredential.UserName)', (ConvertTo-SecureString 'x' -AsPlainText -Force))
    Connect-SsmOnPrem -Server $($u.Host) -Port $($u.Port) -Credential `$bad -CertificateThumbprint $($lab.CertificateThumbprint) -Account '$($lab.Account)' -Verbose -Debug
    `$Error | ForEach-Object { `$_ | Format-List * -Force | Out-String -Width 300; `$_.Exception | Format-List * -Force | Out-String -Width 300 }
    'FLOW DONE'
} *>&1 | Out-String -Width 300 -Stream | Set-Content '$out/streams.txt'
Stop-Transcript | Out-Null
"@
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:run = Invoke-FreshPwsh $flow
    Write-Host "    secrets flow ran in $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s"
    Remove-Item Env:SSM_HARD_API, Env:SSM_HARD_LOGIN, Env:SSM_HARD_ENABLE
    $script:state = Invoke-RestMethod "$($lab.OnPremServer)/lab/state" -SkipCertificateCheck
    $script:corpus = (@($run.Text) + (Get-ChildItem $out -File | ForEach-Object { Get-Content $_.FullName -Raw })) -join "`n"
    $script:files = (Get-ChildItem $out -File).Name
}

AfterAll {
    if ($script:lab) { $script:lab | Stop-SsmLab }
    if ($script:out) { Remove-Item $out -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Secrets never appear in streams, transcripts, session logs, the journal or JSON' {
    It 'the flow ran end to end and wrote every artefact' {
        $corpus | Should -Match 'FLOW DONE'
        foreach ($f in 'transcript.txt', 'streams.txt', 'journal.jsonl', 'results.json', 'session-0.log', 'session-3.log') { $files | Should -Contain $f }
        $corpus | Should -Match 'POST https://\S+/oauth/token'    # -Verbose reached the corpus (On-Prem calls)
        $corpus | Should -Match ' body: '                         # -Debug too (redacted response bodies)
        $corpus | Should -Match 'EnableSecretRejected'          # the wrong enable secret was tried
        $corpus | Should -Match 'AuthenticationFailed'          # so was a wrong client secret
        $corpus | Should -Match 'idtoken \*{8}'                  # the token was sent, masked in the logs
        (Get-Content (Join-Path $out 'results.json') -Raw | ConvertFrom-Json).Status | Should -Contain 'Registered'
    }

    It 'no <Name> anywhere' -Tag 'Secrets' -ForEach @(
        @{ Name = 'device login password'; Get = { $lab.Devices[0].Credential.GetNetworkCredential().Password } }
        @{ Name = 'enable secret of device 1'; Get = { $lab.Devices[0].EnableCredential.GetNetworkCredential().Password } }
        @{ Name = 'enable secret of device 2'; Get = { $lab.Devices[1].EnableCredential.GetNetworkCredential().Password } }
        @{ Name = 'enable secret of device 3'; Get = { $lab.Devices[2].EnableCredential.GetNetworkCredential().Password } }
        @{ Name = 'enable secret of device 4'; Get = { $lab.Devices[3].EnableCredential.GetNetworkCredential().Password } }
        @{ Name = 'wrong enable secret tried'; Get = { $wrongEnable } }
        @{ Name = 'API client secret'; Get = { $lab.ApiCredential.GetNetworkCredential().Password } }
        @{ Name = 'ID token'; Get = { ($state.tokens | Where-Object description -EQ 'secrets scan').value } }
        @{ Name = 'OAuth access tokens'; Get = { @($state.accessTokens) } }
    ) {
        $values = @(& $Get | Where-Object { $_ })
        $values | Should -Not -BeNullOrEmpty
        foreach ($v in $values) {
            $v.Length | Should -BeGreaterOrEqual 6
            $corpus.Contains($v) | Should -BeFalse -Because "$Name must be masked everywhere"
        }
    }
}

Describe 'Safe defaults' {
    It 'TLS is verified by default: an untrusted certificate is refused (CertificateUntrusted)' -Tag 'Secrets' {
        Import-Module (Get-ModuleManifestPath) -Force
        $u = [uri]$lab.OnPremServer
        { Connect-SsmOnPrem -Server $u.Host -Port $u.Port -Credential $lab.ApiCredential -Account $lab.Account } |
            Should -Throw -ErrorId 'CertificateUntrusted,SsmOnPrem.Commands.ConnectSsmOnPremCommand'
    }

    It 'host keys are verified by default (Strict): an unknown key is refused (HostKeyUnknown)' -Tag 'Secrets' {
        $d = $lab.Devices[0]
        $err = $null
        New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $d.Port -Credential $d.Credential -KnownHostsPath (Join-Path $TestDrive 'empty_known_hosts') -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'HostKeyUnknown,SsmOnPrem.Commands.NewSsmDeviceSessionCommand'
    }

    It 'nothing prompts under pwsh -NonInteractive: missing credentials and confirmations are errors, the script ends' -Tag 'Secrets' {
        $d = $lab.Devices[0]
        $u = [uri]$lab.OnPremServer
        $result = Invoke-FreshPwsh @"
Import-Module '$(Get-ModuleManifestPath)'
try { New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $($d.Port) -ErrorAction Stop } catch { 'E1:' + `$_.FullyQualifiedErrorId }
try { Connect-SsmOnPrem -Server $($u.Host) -Port $($u.Port) -ErrorAction Stop } catch { 'E2:' + `$_.FullyQualifiedErrorId }
try { Register-SsmDevice -ComputerName 127.0.0.1 -Port $($d.Port) -Token 'AAAABBBBCCCCDDDD' -ErrorAction Stop } catch { 'E3:' + `$_.FullyQualifiedErrorId }
'END'
"@
        $result.Output | Should -Contain 'END'
        ($result.Output | Where-Object { $_ -like 'E1:*' }) | Should -Match 'MissingMandatoryParameter|ParameterBinding'
        ($result.Output | Where-Object { $_ -like 'E2:*' }) | Should -Match 'MissingMandatoryParameter|ParameterBinding'
        ($result.Output | Where-Object { $_ -like 'E3:*' }) | Should -Match 'CredentialRequired|MissingMandatoryParameter'
    }
}
