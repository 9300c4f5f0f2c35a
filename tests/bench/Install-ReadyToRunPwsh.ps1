<#
.SYNOPSIS
    Makes (once) and returns a pwsh like the one sites run: a copy of this pwsh with its assemblies compiled
    ReadyToRun. Prints the path of its pwsh executable.
.DESCRIPTION
    PowerShell's released packages (the MSI, zip, deb and rpm, and so Azure Automation's workers) are compiled
    ReadyToRun: their assemblies carry native code, so the engine is not JIT-compiled at every start. The .NET global
    tool (`dotnet tool install PowerShell`, what this repository's toolchain and the bench machine have) ships IL only,
    because dotnet tools cannot carry per-platform code. Sources: PowerShell/PowerShell#3335 ("The official releases
    are already crossgen'd"), PowerShell/PowerShell#12361 ("Turn on ReadyToRun"), dotnet/sdk#10801 (no ReadyToRun for
    dotnet tools). On the bench machine the difference is `pwsh -NoProfile -c exit` in ~1.1 s against ~0.35 s, and
    ~20 MB of memory: a cost no site pays, which would be charged to the module in every start-up figure.

    So the bench compiles a copy of $PSHOME with crossgen2, the compiler the SDK uses for PublishReadyToRun (taken
    from NuGet by restoring a throwaway project with PublishReadyToRun; tests/tools/ReadyToRunHelpers.ps1), against the runtime this pwsh runs on, per
    assembly as the released packages are. An assembly already compiled is copied as it is. The copy is kept under
    -CacheDirectory (one folder per PowerShell and runtime version; ~1 minute on 2 cores the first time).
    If this pwsh is already ReadyToRun (a released package), its own path is returned and nothing is made.
#>
param(
    [Parameter(Mandatory)] [string] $CacheDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$CacheDirectory = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CacheDirectory)

# True when the file is a managed assembly that already carries ReadyToRun code (its ManagedNativeHeader is set).
function Test-ReadyToRun([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        $cor = $pe.PEHeaders.CorHeader
        [pscustomobject]@{ Managed = $null -ne $cor; ReadyToRun = $null -ne $cor -and $cor.ManagedNativeHeaderDirectory.Size -gt 0 }
    }
    catch [BadImageFormatException] { [pscustomobject]@{ Managed = $false; ReadyToRun = $false } }
    finally { $stream.Dispose() }
}

$pwshName = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
$engine = Join-Path $PSHOME 'System.Management.Automation.dll'
if ((Test-ReadyToRun $engine).ReadyToRun) { return (Join-Path $PSHOME $pwshName) }

$runtimeDirectory = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$runtimeVersion = [Environment]::Version.ToString()
$target = Join-Path $CacheDirectory "pwsh-$($PSVersionTable.PSVersion)-readytorun-net$runtimeVersion"
$done = Join-Path $target '.complete'
if (Test-Path $done) { return (Join-Path $target $pwshName) }

# crossgen2 for this machine, in the version the SDK picks for this runtime (the build's helper, tests/tools).
. (Join-Path $PSScriptRoot '../tools/BuildHelpers.ps1')
$hostRid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$crossgen = (Get-ReadyToRunTool -WorkDirectory (Join-Path $CacheDirectory 'crossgen2') -Framework "net$([Environment]::Version.Major).0" -Targets @(@{ Rid = $hostRid })).Crossgen2

Remove-Item $target -Recurse -Force -ErrorAction SilentlyContinue
Copy-Item $PSHOME $target -Recurse
$os = if ($IsWindows) { 'windows' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$arch = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
$inputs = Get-ChildItem $PSHOME -Filter *.dll | Where-Object { $kind = Test-ReadyToRun $_.FullName; $kind.Managed -and -not $kind.ReadyToRun }
# The references go in a response file: pwsh on Unix would expand a '*.dll' argument into file names, which crossgen2
# then takes as more inputs.
$references = Join-Path $CacheDirectory 'crossgen2-references.rsp'
Set-Content $references @("-r:$(Join-Path $runtimeDirectory '*.dll')", "-r:$(Join-Path $PSHOME '*.dll')", "--targetos:$os", "--targetarch:$arch", '-O')
$failed = $inputs | ForEach-Object -ThrottleLimit ([Environment]::ProcessorCount) -Parallel {
    $out = Join-Path $using:target $_.Name
    $log = & $using:crossgen $_.FullName -o "$out.r2r" "@$($using:references)" 2>&1
    if ($LASTEXITCODE -eq 0) { Move-Item "$out.r2r" $out -Force } else { "$($_.Name): $($log | Select-Object -First 1)" }
}
# An assembly crossgen2 refuses stays IL (as in the released packages, where a few are left IL on purpose).
foreach ($f in @($failed)) { Write-Warning "Left as IL: $f" }
Set-Content $done "crossgen2: $crossgen`nruntime: $runtimeDirectory`ncompiled: $(@($inputs).Count - @($failed).Count) of $(@($inputs).Count)"
Join-Path $target $pwshName
