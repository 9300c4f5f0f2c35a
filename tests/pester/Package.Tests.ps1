# build.ps1 Package output must install into a clean PSModulePath folder and import from there.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path (Get-RepoRoot) 'tests/tools/BuildHelpers.ps1')
    $manifest = Import-PowerShellDataFile (Get-ModuleManifestPath)
    $work = Join-Path ([IO.Path]::GetTempPath()) ("ssm-pkg-" + [guid]::NewGuid())
    $package = New-ModulePackage -ModuleRoot (Get-RepoRoot) -OutDirectory (Join-Path $work 'out') -Version $manifest.ModuleVersion
}

AfterAll { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'build.ps1 Package' {
    It 'lays out a versioned module folder' {
        $package.ModuleFolder | Should -Match ([regex]::Escape("SsmOnPrem$([IO.Path]::DirectorySeparatorChar)$($manifest.ModuleVersion)") + '$')
        Test-Path (Join-Path $package.ModuleFolder 'SsmOnPrem.psd1') | Should -BeTrue
        Test-Path (Join-Path $package.ModuleFolder 'bin/SsmOnPrem.dll') | Should -BeTrue
        Test-Path (Join-Path $package.ModuleFolder 'module/SsmOnPrem.format.ps1xml') | Should -BeTrue
    }

    It 'makes a .nupkg that PSResourceGet installs from a local repository, and the module imports from there' {
        $modules = Join-Path $work 'modules'
        New-Item -ItemType Directory $modules | Out-Null
        $repoDir = Split-Path $package.NuGetPackage
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$name = 'ssm-test-' + [guid]::NewGuid().ToString('n')
Register-PSResourceRepository -Name `$name -Uri '$repoDir' -Trusted
try {
    Save-PSResource -Name SsmOnPrem -Repository `$name -Path '$modules' -TrustRepository -Quiet
} finally { Unregister-PSResourceRepository -Name `$name }
`$env:PSModulePath = '$modules'
`$m = Import-Module SsmOnPrem -PassThru
'base:' + `$m.ModuleBase
'version:' + `$m.Version
'works:' + ((Get-Content '$(Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt')' | ConvertFrom-SsmLicenseOutput).RegistrationStatus)
`$help = Get-Help ConvertFrom-SsmLicenseOutput -Full
'help-synopsis:' + (`$help.Synopsis -notmatch '^\s*ConvertFrom-SsmLicenseOutput \[')
'help-examples:' + @(`$help.examples.example).Count
'about:' + ((Get-Help about_SsmOnPrem | Out-String) -match 'Smart Licensing Using Policy')
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Output | Should -Contain "version:$($manifest.ModuleVersion)"
        ($result.Output | Where-Object { $_ -like 'base:*' }) | Should -BeLike "base:$modules*"
        $result.Output | Should -Contain 'works:Registered'
        # Help travels with the package: the MAML (not the syntax-only fallback) and the about_ topics.
        # (Completeness for every cmdlet is Help.Tests.ps1's job.)
        $result.Output | Should -Contain 'help-synopsis:True'
        [int]($result.Output | Where-Object { $_ -like 'help-examples:*' } | ForEach-Object { $_ -replace 'help-examples:' }) | Should -BeGreaterOrEqual 2
        $result.Output | Should -Contain 'about:True'
    }

    It 'makes an Azure Automation zip named after the module with the module folder inside' {
        (Split-Path $package.AutomationZip -Leaf) | Should -Be 'SsmOnPrem.zip'
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.AutomationZip)
        try {
            $zip.Entries.FullName | Should -Contain 'SsmOnPrem/SsmOnPrem.psd1'
            $zip.Entries.FullName | Should -Contain 'SsmOnPrem/en-US/SsmOnPrem.dll-Help.xml'
            $zip.Entries.FullName | Should -Contain 'SsmOnPrem/en-US/about_SsmOnPrem.help.txt'
        }
        finally { $zip.Dispose() }
    }
}
