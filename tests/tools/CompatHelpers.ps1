# Helpers for 'build.ps1 Compat' (docs/COMPATIBILITY.md): the engine on .NET Framework (Mono, net472) and the module
# on a second PowerShell version. Each returns counts that build.ps1 adds to its total.

# The PowerShell version the compat run uses besides the repo's own (dotnet-tools.json). 7.4 LTS is what we want, but
# the NuGet registry here serves only 7.6.9, 7.6.10 and 7.7.0 of the PowerShell tool (7.7.0 does not install).
$script:CompatPwshVersion = '7.6.10'

# The Pester files that make the documented subset: import, dependency isolation, parsers, On-Prem, one lab fleet.
$script:CompatPesterFiles = 'Module.Tests.ps1', 'DependencyIsolation.Tests.ps1', 'ConvertFromSsmLicenseOutput.Tests.ps1', 'OnPrem.Tests.ps1', 'Compat.Tests.ps1'

# Mono from Debian. mono-runtime alone lacks the facades (System.Runtime.dll, netstandard.dll) every netstandard2.0
# library needs; Debian ships them only in mono-devel, so that is the smallest set that runs the suite.
function Install-Mono {
    if (Get-Command mono -ErrorAction SilentlyContinue) {
        if (Test-Path '/usr/lib/mono/4.5/Facades/netstandard.dll') { return }
    }
    $isRoot = $IsLinux -and (& id -u) -eq '0'
    if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Step 'Installing Mono (mono-devel: the runtime plus the .NET Framework facades)'
        $env:DEBIAN_FRONTEND = 'noninteractive'
        # The lab's openssh-server install has usually just refreshed the package lists: skip a second update then.
        if (-not ((& apt-cache policy mono-devel 2>$null) -match 'Candidate: \d')) { Invoke-Native apt-get -o DPkg::Lock::Timeout=600 update -qq | Out-Host }
        Invoke-Native apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends mono-devel | Out-Host
        return
    }
    throw "The compat run needs Mono with its facades. Install it with: sudo apt-get install -y --no-install-recommends mono-devel"
}

function Install-CompatPwsh([string] $Root) {
    $dir = Join-Path $Root "out/tools/pwsh-$script:CompatPwshVersion"
    $pwsh = Join-Path $dir $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (-not (Test-Path $pwsh)) {
        Write-Step "Installing PowerShell $script:CompatPwshVersion (dotnet tool) into $dir"
        Invoke-Native dotnet tool install PowerShell --version $script:CompatPwshVersion --tool-path $dir | Out-Host
    }
    return $pwsh
}

# Builds the engine tests for net472 and runs them under Mono with the module's own dependency DLLs (bin/dependencies,
# the netstandard2.0 builds Windows PowerShell 5.1 loads) in place of the .NET Framework builds NuGet picks for net472.
function Invoke-MonoCompat([string] $Root, [string] $ResultsDirectory) {
    $name = 'compat mono-net472'
    $project = Join-Path $Root 'tests/SsmOnPrem.Client.Tests/SsmOnPrem.Client.Tests.csproj'
    $stage = Join-Path $Root 'out/compat/net472'
    $xml = Join-Path $ResultsDirectory 'compat-mono-net472.xml'
    try {
        Install-Mono
        Write-Step 'Compat: engine tests (net472) under Mono'
        Invoke-Native dotnet build $project -c Release -f net472 --nologo --verbosity quiet | Out-Host
        Remove-Item $stage -Recurse -Force -ErrorAction SilentlyContinue
        New-Item -ItemType Directory $stage -Force | Out-Null
        Copy-Item (Join-Path $Root 'tests/SsmOnPrem.Client.Tests/bin/Release/net472/*') $stage -Recurse
        Copy-Item (Join-Path $Root 'bin/dependencies/*.dll') $stage -Force
        $runner = Join-Path (Get-NuGetPackageRoot) 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
        $env:SSMONPREM_LAB_DLL = Join-Path $Root 'out/SsmOnPrem.Lab/SsmOnPrem.Lab.dll'
        & mono $runner (Join-Path $stage 'SsmOnPrem.Client.Tests.dll') -noshadow -nologo -xml $xml |
            Where-Object { $_ -match '\[FAIL\]|Total:|^\s{6}\S' } | ForEach-Object { Write-Host $_ }
    }
    catch { Write-Host "$name could not run: $_" }
    finally { Remove-Item Env:SSMONPREM_LAB_DLL -ErrorAction SilentlyContinue }
    Read-XunitXmlCount -Path $xml -Name $name
}

# Counts from xunit.console's -xml report; no report means the run did not happen, which is a failure.
function Read-XunitXmlCount([string] $Path, [string] $Name) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Name = $Name; Passed = 0; Failed = 1; Skipped = 0 } }
    $counts = @{ passed = 0; failed = 0; skipped = 0 }
    $report = [xml](Get-Content $Path -Raw)
    foreach ($assembly in $report.SelectNodes('/assemblies/assembly')) {
        # 'errors' counts fixtures and cleanups that failed outside a test: failures too.
        $counts.passed += [int]$assembly.GetAttribute('passed')
        $counts.failed += [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
        $counts.skipped += [int]$assembly.GetAttribute('skipped')
    }
    $failedTests = @($report.SelectNodes("//test[@result='Fail']") | ForEach-Object { $_.GetAttribute('name') })
    [pscustomobject]@{ Name = $Name; Passed = $counts.passed; Failed = $counts.failed; Skipped = $counts.skipped; FailedTests = $failedTests }
}

# The documented Pester subset in a fresh process of the second PowerShell (the tests' own child processes use it too).
function Invoke-PwshCompat([string] $Root, [string] $ResultsDirectory) {
    $name = "compat pwsh-$script:CompatPwshVersion"
    $summary = Join-Path $ResultsDirectory 'compat-pwsh-summary.json'
    try {
        $pwsh = Install-CompatPwsh -Root $Root
        Write-Step "Compat: Pester subset under PowerShell $script:CompatPwshVersion"
        $paths = $script:CompatPesterFiles | ForEach-Object { Join-Path $Root "tests/pester/$_" }
        & $pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/tools/Invoke-PesterSuite.ps1') `
            -PesterManifest (Get-PesterManifest -Root $Root) -Path ($paths -join ',') -SummaryPath $summary -ResultsDirectory $ResultsDirectory | Out-Host
    }
    catch { Write-Host "$name could not run: $_" }
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Name = $name; Passed = 0; Failed = 1; Skipped = 0 } }
    $counts = Get-Content $summary -Raw | ConvertFrom-Json
    [pscustomobject]@{ Name = $name; Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped; FailedTests = @($counts.FailedTests) }
}
