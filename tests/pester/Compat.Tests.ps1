# The compatibility subset 'build.ps1 Compat' also runs under a second PowerShell version (docs/COMPATIBILITY.md): one lab
# fleet registration from a CSV saved with CRLF line ends (as Excel and Notepad save it on Windows), and no ANSI escape
# codes in what a runbook host records (Azure Automation writes streams to a log, not a terminal).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.psd1') -Force
    Import-Module (Get-ModuleManifestPath) -Force
    Write-Host "    PowerShell $($PSVersionTable.PSVersion) on $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"
    $script:lab = Start-SsmLab -DeviceCount 4 -Platform mix
    $u = [uri]$lab.OnPremServer
    Connect-SsmOnPrem -Server $u.Host -Port $u.Port -DevicePort $u.Port -Credential $lab.ApiCredential `
        -CertificateThumbprint $lab.CertificateThumbprint -Account $lab.Account -VirtualAccount $lab.VirtualAccount | Out-Null
}

AfterAll {
    Disconnect-SsmOnPrem -ErrorAction SilentlyContinue
    if ($script:lab) { $script:lab | Stop-SsmLab }
}

Describe 'A lab fleet from a CRLF CSV inventory' {
    It 'registers every device, with a journal, and the journal reads back' {
        $csv = Join-Path $TestDrive 'devices.csv'
        $rows = @('ComputerName,Port,HostKeyFingerprint,CredentialName,EnableSecret') + @($lab.Devices | ForEach-Object {
            "$($_.ComputerName),$($_.Port),$($_.HostKeyFingerprint),lab,$($_.EnableCredential.GetNetworkCredential().Password)"
        })
        [IO.File]::WriteAllText($csv, ($rows -join "`r`n") + "`r`n")
        [IO.File]::ReadAllText($csv) | Should -Match "`r`n"
        $map = @{ lab = $lab.Devices[0].Credential }
        $journal = Join-Path $TestDrive 'run.jsonl'
        $results = Import-Csv $csv |
            Select-Object *, @{ n = 'EnableCredential'; e = { [pscredential]::new('enable', (ConvertTo-SecureString $_.EnableSecret -AsPlainText -Force)) } } |
            Register-SsmDevice -NewToken -CredentialMap $map -ThrottleLimit 4 -JournalPath $journal
        $results | Should -HaveCount $lab.Devices.Count
        $results | Where-Object Status -NotIn 'Registered', 'Reported' | ForEach-Object { Write-Host "    not done: $($_.ComputerName):$($_.Port) $($_.Status) $($_.FailureReason)" }
        @($results | Where-Object Status -In 'Registered', 'Reported') | Should -HaveCount $lab.Devices.Count
        @(Get-Content $journal | Where-Object { $_.Trim() } | ForEach-Object { $_ | ConvertFrom-Json }) | Should -HaveCount $lab.Devices.Count
    }
}

Describe 'Output a runbook host records' {
    # Azure Automation's host declares no virtual-terminal support, so PowerShell renders plain text; the module must add
    # no escape codes of its own. TERM=dumb makes pwsh's console host declare the same. The control run (a terminal
    # that supports colour) shows the check can fail: there PowerShell itself colours list labels and VERBOSE lines.
    BeforeAll {
        $capture = Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt'
        $script:ansiScript = @"
Import-Module '$(Get-ModuleManifestPath)'
`$VerbosePreference = 'Continue'
Get-Content -Raw '$capture' | ConvertFrom-SsmLicenseOutput | Format-List
Get-Content -Raw '$capture' | ConvertFrom-SsmLicenseOutput | Format-Table
Write-Warning 'a warning'
Get-SsmToken -ErrorAction Continue
'not license output' | ConvertFrom-SsmLicenseOutput -ErrorAction Continue
"@
        function script:Invoke-WithTerm([string] $Term) {
            $saved = $env:TERM
            try { $env:TERM = $Term; Invoke-FreshPwsh $ansiScript }
            finally { $env:TERM = $saved }
        }
    }

    It 'has no ANSI escape codes in lists, tables, warnings, verbose lines and errors on a host without colour' {
        $run = Invoke-WithTerm 'dumb'
        $run.Text | Should -Match 'RegistrationStatus\s+: Registered'
        $run.Text | Should -Match 'VERBOSE: '
        $run.Text | Should -Match 'Connect-SsmOnPrem'
        $run.Text | Should -Not -Match "`e\["
    }

    It 'control: on a colour terminal PowerShell itself adds escape codes, so the check above can fail' {
        (Invoke-WithTerm 'xterm-256color').Text | Should -Match "`e\["
    }
}
