# Helpers for build.ps1: each function does one job, so build.ps1 reads as a list of tasks.
. (Join-Path $PSScriptRoot 'ReadyToRunHelpers.ps1')

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

# Runs a native command and stops the build when it fails (PowerShell does not do that by itself).
function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# Lays the published module out next to the manifest:
#   bin/SsmOnPrem.dll            the cmdlets (RootModule), loaded normally
#   bin/dependencies/*.dll       the engine and its dependencies, loaded in isolation
#   bin/dependencies/net8.0/     SSH.NET and BouncyCastle built for .NET 8+, preferred by PowerShell 7.4+ (CoreClrResolver.cs)
#   bin/dependencies/readytorun/ the engine and SSH.NET compiled ReadyToRun for PowerShell 7.6, per platform (ReadyToRunHelpers.ps1)
#   en-US/                       MAML help and about_ topics (copied from module/en-US)
function Install-ModuleLayout([string] $PublishDirectory, [string] $ModuleRoot) {
    $bin = Join-Path $ModuleRoot 'bin'
    $dependencies = Join-Path $bin 'dependencies'
    Remove-Item $bin -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $dependencies -Force | Out-Null
    foreach ($file in Get-ChildItem $PublishDirectory -File) {
        if ($file.Name -like 'System.Management.Automation*') { continue } # never ship PowerShell itself
        if ($file.Extension -eq '.json') { continue }                      # deps.json is for apps, not modules
        $target = if ($file.BaseName -eq 'SsmOnPrem') { $bin } else { $dependencies }
        Copy-Item $file.FullName $target
    }
    Install-CoreClrDependency -Directory (Join-Path $dependencies 'net8.0') -ModuleRoot $ModuleRoot
    Install-ReadyToRunDependency -DependencyDirectory $dependencies -ModuleRoot $ModuleRoot
    Copy-ModuleHelp -ModuleRoot $ModuleRoot
}

# The .NET 8+ builds of the same package versions the engine restored (netstandard2.0 stays for Windows PowerShell
# 5.1). Under PowerShell 7 they use the runtime's crypto: SSH.NET's netstandard2.0 build does ECDH key exchange in
# BouncyCastle's managed big-integer code, which cost a third of the client's CPU and most of its allocations
# (docs/performance.md).
function Install-CoreClrDependency([string] $Directory, [string] $ModuleRoot) {
    $assets = Get-Content (Join-Path $ModuleRoot 'src/SsmOnPrem.Client/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = $assets.packageFolders.PSObject.Properties.Name
    $wanted = @(
        @{ Package = 'SSH.NET'; Assembly = 'Renci.SshNet.dll'; Frameworks = @('net8.0') }
        @{ Package = 'BouncyCastle.Cryptography'; Assembly = 'BouncyCastle.Cryptography.dll'; Frameworks = @('net8.0', 'net6.0') }
    )
    New-Item -ItemType Directory $Directory -Force | Out-Null
    foreach ($w in $wanted) {
        $library = $assets.libraries.PSObject.Properties | Where-Object { $_.Name -like "$($w.Package)/*" } | Select-Object -First 1
        if (-not $library) { throw "The engine did not restore $($w.Package): cannot lay out its .NET 8 build." }
        $candidates = foreach ($folder in $packages) { foreach ($fw in $w.Frameworks) { Join-Path $folder "$($library.Value.path)/lib/$fw/$($w.Assembly)" } }
        $source = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
        if (-not $source) { throw "No .NET 8 build of $($library.Name) in the NuGet package folder(s): $($candidates -join ', ')" }
        Copy-Item $source $Directory
    }
}

# module/en-US (about_ topics + generated MAML) -> en-US/ next to the manifest, where Get-Help looks.
function Copy-ModuleHelp([string] $ModuleRoot) {
    $help = Join-Path $ModuleRoot 'module/en-US'
    $helpTarget = Join-Path $ModuleRoot 'en-US'
    Remove-Item $helpTarget -Recurse -Force -ErrorAction SilentlyContinue
    if (Test-Path $help) { Copy-Item $help $helpTarget -Recurse }
}

# Generates module/en-US/SsmOnPrem.dll-Help.xml from module/help/*.md and the freshly laid-out module
# (tests/tools/New-MamlHelp.ps1, in a child pwsh so this process never loads the module), then copies it to en-US/.
# The XML is a build output (gitignored); the .md files are the source.
function Build-ModuleHelp([string] $ModuleRoot) {
    Invoke-Native (Get-PwshPath) -NoProfile -NonInteractive -File (Join-Path $ModuleRoot 'tests/tools/New-MamlHelp.ps1') `
        -ModulePath (Join-Path $ModuleRoot 'SsmOnPrem.psd1') -HelpSourcePath (Join-Path $ModuleRoot 'module/help') `
        -OutputPath (Join-Path $ModuleRoot 'module/en-US/SsmOnPrem.dll-Help.xml')
    Copy-ModuleHelp -ModuleRoot $ModuleRoot
}

# The pwsh executable of the running PowerShell. (Get-Process -Id $PID).Path is 'dotnet' when pwsh runs as a dotnet tool.
function Get-PwshPath {
    Join-Path $PSHOME $(if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'pwsh.exe' } else { 'pwsh' })
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    return Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

# Pester comes from the NuGet registry (the PowerShell Gallery is not reachable): restore, then import by path.
function Get-PesterManifest([string] $Root) {
    $manifest = Join-Path (Get-NuGetPackageRoot) 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) {
        Invoke-Native dotnet restore (Join-Path $Root 'tests/tools/Tools.csproj') --nologo --verbosity quiet
    }
    if (-not (Test-Path $manifest)) { throw "Pester 6.2.0 was restored but $manifest is missing." }
    return $manifest
}

# Counts from a Visual Studio test results file (what 'dotnet test --logger trx' writes).
function Read-TrxCount([string] $Path, [string] $Name) {
    if (-not (Test-Path $Path)) {
        # No results file means the project did not build or the host crashed: count it as a failure.
        return [pscustomobject]@{ Name = $Name; Passed = 0; Failed = 1; Skipped = 0 }
    }
    $trx = [xml](Get-Content $Path -Raw)
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Name        = $Name
        Passed      = [int]$counters.passed
        Failed      = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped     = [int]$counters.notExecuted
        FailedTests = @($trx.TestRun.Results.UnitTestResult | Where-Object { $_ -and $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } |
            ForEach-Object { $_.testName })
    }
}

# Runs Pester in a fresh pwsh so that tests import the built module exactly as a user would.
function Invoke-PesterInFreshProcess([string] $Root, [string] $ResultsDirectory, [string[]] $Path) {
    $pester = Get-PesterManifest -Root $Root
    $summary = Join-Path $ResultsDirectory 'pester-summary.json'
    $paths = if ($Path) { $Path } else { @(Join-Path $Root 'tests/pester') }
    & (Get-PwshPath) -NoProfile -NonInteractive -File (Join-Path $Root 'tests/tools/Invoke-PesterSuite.ps1') `
        -PesterManifest $pester -Path ($paths -join ',') -SummaryPath $summary -ResultsDirectory $ResultsDirectory | Out-Host
    if (-not (Test-Path $summary)) {
        return [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content $summary -Raw | ConvertFrom-Json
}

# The lab needs OpenSSH's sshd; the tests also need Chromium (-Browser: the HTML report is looked at in a headless
# browser); the scale-out run needs Ansible (-Ansible).
# On Debian/Ubuntu as root we install what is missing; elsewhere we say exactly what to do.
function Install-LabPrerequisite([switch] $Browser, [switch] $Ansible) {
    if (-not $IsLinux) { return }
    $missing = @(
        if (-not (Test-Path '/usr/sbin/sshd')) { 'openssh-server' }
        if ($Browser -and -not (Test-Path '/usr/bin/chromium')) { 'chromium' }
        if ($Ansible -and -not (Test-Path '/usr/bin/ansible-playbook')) { 'ansible' }
    )
    if (-not $missing) { return }
    $isRoot = (& id -u) -eq '0'
    if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Step "Installing $($missing -join ', ') (the lab runs its own sshd on loopback; the system sshd is not enabled)"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        # Wait for another apt (unattended upgrades, a parallel build) instead of failing on its lock.
        Invoke-Native apt-get -o DPkg::Lock::Timeout=600 update -qq
        Invoke-Native apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends @missing
        # Debian starts the system sshd on install where systemd runs; the lab never needs it.
        if ($missing -contains 'openssh-server') { & systemctl disable --now ssh 2>$null | Out-Null }
        return
    }
    throw "The tests need $($missing -join ' and '). Install with: sudo apt-get install -y $($missing -join ' ')"
}

# out/SsmOnPrem/<version>/ (the module as installed), out/SsmOnPrem.<version>.nupkg (for Install-PSResource
# from a local repository) and out/SsmOnPrem.zip (Azure Automation: the zip is named after the module and
# holds a folder of that name).
function New-ModulePackage([string] $ModuleRoot, [string] $OutDirectory, [string] $Version) {
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $moduleOut = Join-Path $OutDirectory 'SsmOnPrem'
    $versionDir = Join-Path $moduleOut $Version
    Remove-Item $moduleOut -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $versionDir -Force | Out-Null
    Copy-Item (Join-Path $ModuleRoot 'SsmOnPrem.psd1') $versionDir
    Copy-Item (Join-Path $ModuleRoot 'bin') $versionDir -Recurse
    if (Test-Path (Join-Path $ModuleRoot 'en-US')) { Copy-Item (Join-Path $ModuleRoot 'en-US') $versionDir -Recurse }
    $moduleTarget = New-Item -ItemType Directory (Join-Path $versionDir 'module') -Force
    Get-ChildItem (Join-Path $ModuleRoot 'module') -File -Filter '*.ps1xml' | Copy-Item -Destination $moduleTarget
    if (Test-Path (Join-Path $ModuleRoot 'module/examples')) { Copy-Item (Join-Path $ModuleRoot 'module/examples') $moduleTarget -Recurse }
    Get-ChildItem $versionDir -Recurse -Filter '*.pdb' | Remove-Item

    $nupkg = Join-Path $OutDirectory "SsmOnPrem.$Version.nupkg"
    New-NuGetModulePackage -ModuleDirectory $versionDir -Manifest (Import-PowerShellDataFile (Join-Path $ModuleRoot 'SsmOnPrem.psd1')) -Path $nupkg

    $zip = Join-Path $OutDirectory 'SsmOnPrem.zip'
    Remove-Item $zip -Force -ErrorAction SilentlyContinue
    $staging = Join-Path $OutDirectory 'zip-staging'
    Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue
    Copy-Item $versionDir (Join-Path $staging 'SsmOnPrem') -Recurse
    [System.IO.Compression.ZipFile]::CreateFromDirectory($staging, $zip)
    Remove-Item $staging -Recurse -Force

    [pscustomobject]@{
        ModuleFolder = $versionDir
        ModuleSizeKB = [math]::Round(((Get-ChildItem $versionDir -Recurse -File | Measure-Object Length -Sum).Sum) / 1KB)
        NuGetPackage = $nupkg
        NuGetSizeKB  = [math]::Round((Get-Item $nupkg).Length / 1KB)
        AutomationZip = $zip
    }
}

# A PowerShell module .nupkg as PSResourceGet expects: nuspec + module files at the package root.
function New-NuGetModulePackage([string] $ModuleDirectory, [hashtable] $Manifest, [string] $Path) {
    $data = $Manifest.PrivateData.PSData
    $escape = { param($s) [System.Security.SecurityElement]::Escape([string]$s) }
    $tags = (@('PSModule') + $data.Tags + ($Manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_" })) -join ' '
    $nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>SsmOnPrem</id>
    <version>$($Manifest.ModuleVersion)</version>
    <authors>$(& $escape $Manifest.Author)</authors>
    <description>$(& $escape $Manifest.Description)</description>
    <copyright>$(& $escape $Manifest.Copyright)</copyright>
    <tags>$(& $escape $tags)</tags>
    <licenseUrl>$(& $escape $data.LicenseUri)</licenseUrl>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
  </metadata>
</package>
"@
    $contentTypes = @'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="psd1" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="ps1xml" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Default Extension="ps1" ContentType="application/octet" />
  <Default Extension="csv" ContentType="application/octet" />
  <Default Extension="yml" ContentType="application/octet" />
  <Default Extension="md" ContentType="application/octet" />
</Types>
'@
    $rels = @'
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/SsmOnPrem.nuspec" Id="R1" />
</Relationships>
'@
    Remove-Item $Path -Force -ErrorAction SilentlyContinue
    $archive = [System.IO.Compression.ZipFile]::Open($Path, 'Create')
    try {
        $add = {
            param($entryName, $text)
            $writer = [System.IO.StreamWriter]::new($archive.CreateEntry($entryName).Open())
            try { $writer.Write($text) } finally { $writer.Dispose() }
        }
        & $add 'SsmOnPrem.nuspec' $nuspec
        & $add '[Content_Types].xml' $contentTypes
        & $add '_rels/.rels' $rels
        foreach ($file in Get-ChildItem $ModuleDirectory -Recurse -File) {
            $relative = [System.IO.Path]::GetRelativePath($ModuleDirectory, $file.FullName).Replace('\', '/')
            [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName, $relative) | Out-Null
        }
    }
    finally { $archive.Dispose() }
}
