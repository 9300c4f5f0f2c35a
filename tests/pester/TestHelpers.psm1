# Shared by the Pester files: where things are, and how to run code in a fresh pwsh.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $script:RepoRoot 'tests/tools/BuildHelpers.ps1')

function Get-RepoRoot { $script:RepoRoot }
function Get-ModuleManifestPath { Join-Path $script:RepoRoot 'SsmOnPrem.psd1' }
function Get-FixturePath([string] $Name) { Join-Path $script:RepoRoot "tests/fixtures/$Name" }

# Runs a script in a new pwsh process (-NonInteractive, like a runbook) and returns its output lines,
# stderr included, plus the exit code.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Script)
    $file = Join-Path ([IO.Path]::GetTempPath()) ("ssm-" + [guid]::NewGuid() + '.ps1')
    Set-Content $file $Script
    try {
        $output = & (Get-PwshPath) -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE; Text = ($output -join "`n") }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

# NX-OS prints the time of the show itself ('!Time: ...'), so two shows a second apart differ there: tests that compare
# NX-OS outputs compare the rest. The change and save stamps ('Last configuration change', 'last done') are kept: the
# lab stamps them at each change, as a device does, so IOS-XE outputs compare whole.
function Remove-LabTimestamp([string] $Text) {
    (($Text -split "`n") -notmatch '^!Time: ') -join "`n"
}

Export-ModuleMember -Function Get-PwshPath, Get-RepoRoot, Get-ModuleManifestPath, Get-FixturePath, Invoke-FreshPwsh, Remove-LabTimestamp
