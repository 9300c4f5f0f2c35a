# The README's Reliability figures must match the matrix: the row counts per tag are discovered (not run) from the
# Hardening.*.Tests.ps1 files and compared with what Update-HardeningFigures.ps1 wrote. Adding or removing a row
# without regenerating the figures fails here.
BeforeDiscovery {
    $script:tags = @('Fault', 'BadInput', 'Secrets')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $files = Get-ChildItem $PSScriptRoot -Filter 'Hardening.*.Tests.ps1' | Where-Object Name -NE 'Hardening.Figures.Tests.ps1'
    # Discovery of other files inside a running Pester: a child process keeps this run's state out of it.
    $script:counts = Invoke-FreshPwsh @"
Import-Module '$((Get-Module Pester).Path)'
`$c = New-PesterConfiguration
`$c.Run.Path = @('$(($files.FullName) -join "','")')
`$c.Run.SkipRun = `$true
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'None'
`$r = Invoke-Pester -Configuration `$c
foreach (`$t in 'Fault', 'BadInput', 'Secrets') { "`${t}=" + @(`$r.Tests | Where-Object { `$_.Tag -contains `$t }).Count }
"@
    $script:discovered = @{}
    foreach ($line in $counts.Output) { if ($line -match '^(\w+)=(\d+)$') { $discovered[$Matches[1]] = [int]$Matches[2] } }
    $readme = Get-Content (Join-Path (Get-RepoRoot) 'README.md') -Raw
    $script:section = [regex]::Match($readme, '(?s)<!-- hardening-figures:start.*?<!-- hardening-figures:end -->').Value
}

Describe 'README Reliability figures' {
    It 'has the generated section' { $section | Should -Not -BeNullOrEmpty }

    It 'counts every <_> row of the matrix, all passed' -ForEach $tags {
        $label = @{ Fault = 'faults injected'; BadInput = 'bad inputs tried'; Secrets = 'secrets scanned' }[$_]
        $discovered[$_] | Should -BeGreaterThan 0
        $m = [regex]::Match($section, "\| $label[^|]*\| (\d+) \| (\d+) \|")
        $m.Success | Should -BeTrue
        [int]$m.Groups[1].Value | Should -Be $discovered[$_] -Because 'regenerate with tests/tools/Update-HardeningFigures.ps1 after changing the matrix'
        [int]$m.Groups[2].Value | Should -Be $discovered[$_] -Because 'every row passed in the run the figures come from'
    }
}
