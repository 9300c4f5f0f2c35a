# ReadyToRun images of the engine and SSH.NET for PowerShell 7.6 (.NET 10), one folder per platform, made by build.ps1.
#
# Why: a fleet run JIT-compiled ~2,500 methods of SsmOnPrem.Client and SSH.NET while its first sessions connected; with
# the images a 100-device run compiles 1,900-2,800 methods instead of 3,800-5,000 (#20, docs/performance.md "Start-up"). A ReadyToRun image carries native
# code next to the same IL, compiled ahead of time by crossgen2 (the compiler behind the SDK's PublishReadyToRun).
# The runtime uses that code only on the runtime major and platform it was compiled for (images made for .NET 8 were
# measured ignored by .NET 10) and runs the IL inside it anywhere else, so CoreClrResolver.cs offers a folder only to
# the runtime major and platform its name says:
#   bin/dependencies/readytorun/net10.0-win-x64/     SsmOnPrem.Client.dll, Renci.SshNet.dll
#   bin/dependencies/readytorun/net10.0-linux-x64/   the same
# Everything else (Windows PowerShell 5.1, PowerShell 7.4/7.5, arm64, macOS) loads bin/dependencies and net8.0 as before.
# Inputs are exactly the files those folders hold (the engine from bin/dependencies, SSH.NET's net8.0 build), so the
# IL is the same everywhere; outputs are cached in out/readytorun by the input's hash.

$script:ReadyToRunFramework = 'net10.0'
$script:ReadyToRunTargets = @(
    @{ Rid = 'win-x64'; Os = 'windows'; Arch = 'x64' }
    @{ Rid = 'linux-x64'; Os = 'linux'; Arch = 'x64' }
)

function Install-ReadyToRunDependency([string] $DependencyDirectory, [string] $ModuleRoot) {
    $inputs = @((Join-Path $DependencyDirectory 'SsmOnPrem.Client.dll'), (Join-Path $DependencyDirectory 'net8.0/Renci.SshNet.dll'))
    $tools = Get-ReadyToRunTool -WorkDirectory (Join-Path $ModuleRoot 'out/readytorun')
    foreach ($target in $script:ReadyToRunTargets) {
        $name = "$script:ReadyToRunFramework-$($target.Rid)"
        $cache = Join-Path $ModuleRoot "out/readytorun/$name"
        $folder = Join-Path $DependencyDirectory "readytorun/$name"
        New-Item -ItemType Directory $cache, $folder -Force | Out-Null
        # References: the target's runtime (its CoreLib sits with the native files), then the module's own dependencies
        # (net8.0 first, as the resolver loads them). In a response file: pwsh on Unix expands a '*.dll' argument.
        $pack = $tools.RuntimePacks[$target.Rid]
        $rsp = Join-Path $cache 'references.rsp'
        Set-Content $rsp @(
            "-r:$(Join-Path $pack "runtimes/$($target.Rid)/lib/$script:ReadyToRunFramework/*.dll")"
            "-r:$(Join-Path $pack "runtimes/$($target.Rid)/native/System.Private.CoreLib.dll")"
            "-r:$(Join-Path $DependencyDirectory 'net8.0/*.dll')"
            "-r:$(Join-Path $DependencyDirectory '*.dll')"
            "--targetos:$($target.Os)", "--targetarch:$($target.Arch)", '-O')
        foreach ($source in $inputs) {
            $image = Join-Path $cache (Split-Path $source -Leaf)
            $stamp = "$((Get-FileHash $source -Algorithm SHA256).Hash) $($tools.Crossgen2)"
            if (-not ((Test-Path $image) -and (Test-Path "$image.source") -and (Get-Content "$image.source" -Raw).Trim() -eq $stamp)) {
                $log = & $tools.Crossgen2 $source -o $image "@$rsp" 2>&1
                if ($LASTEXITCODE -ne 0) { throw "crossgen2 failed on $source for $($target.Rid): $($log | Select-Object -First 5 | Out-String)" }
                Set-Content "$image.source" $stamp
            }
            Copy-Item $image $folder
        }
    }
}

# crossgen2 for this machine and the runtime packs of every target, in the versions the SDK picks for
# PublishReadyToRun: a throwaway project is restored with it, and its assets file names what was downloaded.
# (Also used by tests/bench/Install-ReadyToRunPwsh.ps1, for the framework the running pwsh is on.)
function Get-ReadyToRunTool([string] $WorkDirectory, [string] $Framework = $script:ReadyToRunFramework, [hashtable[]] $Targets = $script:ReadyToRunTargets) {
    $probe = Join-Path $WorkDirectory 'probe'
    New-Item -ItemType Directory $probe -Force | Out-Null
    $rids = ($Targets | ForEach-Object { $_.Rid }) -join ';'
    Set-Content (Join-Path $probe 'Probe.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>$Framework</TargetFramework><RuntimeIdentifiers>$rids</RuntimeIdentifiers><PublishReadyToRun>true</PublishReadyToRun><SelfContained>false</SelfContained></PropertyGroup>
</Project>
"@
    Invoke-Native dotnet restore (Join-Path $probe 'Probe.csproj') --nologo --verbosity quiet
    $assets = Get-Content (Join-Path $probe 'obj/project.assets.json') -Raw | ConvertFrom-Json
    $downloads = $assets.project.frameworks.$Framework.downloadDependencies
    $packages = Get-NuGetPackageRoot
    function Get-PackFolder([string] $Name) {
        $pack = $downloads | Where-Object { $_.name -eq $Name } | Select-Object -First 1
        if (-not $pack) { throw "Restoring with PublishReadyToRun did not download $Name." }
        $folder = Join-Path $packages "$($Name.ToLowerInvariant())/$($pack.version.Trim('[]').Split(',')[0].Trim())"
        if (-not (Test-Path $folder)) { throw "$Name was restored but $folder is missing." }
        $folder
    }
    $hostRid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $crossgen = Join-Path (Get-PackFolder "Microsoft.NETCore.App.Crossgen2.$hostRid") "tools/$(if ($IsWindows) { 'crossgen2.exe' } else { 'crossgen2' })"
    if (-not (Test-Path $crossgen)) { throw "crossgen2 is not where its package puts it: $crossgen" }
    $runtimePacks = @{}
    foreach ($target in $Targets) { $runtimePacks[$target.Rid] = Get-PackFolder "Microsoft.NETCore.App.Runtime.$($target.Rid)" }
    [pscustomobject]@{ Crossgen2 = $crossgen; RuntimePacks = $runtimePacks }
}
