BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestPath = Get-ModuleManifestPath
    $manifest = Import-PowerShellDataFile $manifestPath
    $module = Import-Module $manifestPath -Force -PassThru
}

Describe 'The module manifest' {
    It 'supports Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
    }

    It 'lists cmdlets explicitly and no dependency assemblies' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.CmdletsToExport | Where-Object { $_ -match '\*' } | Should -BeNullOrEmpty
        $manifest.RequiredAssemblies | Should -BeNullOrEmpty
    }

    It 'loads its format file from module/' {
        $manifest.FormatsToProcess | Should -Be @('module/SsmOnPrem.format.ps1xml')
        Test-Path (Join-Path (Get-RepoRoot) $manifest.FormatsToProcess[0]) | Should -BeTrue
    }
}

Describe 'The built module' {
    It 'imports from the repo root with the manifest version' {
        $module.Version | Should -Be ([version]$manifest.ModuleVersion)
        $module.ModuleBase | Should -Be (Get-RepoRoot)
    }

    It 'exports exactly the cmdlets compiled into SsmOnPrem.dll' {
        $compiled = $module.ImplementingAssembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $exported = (Get-Command -Module SsmOnPrem).Name | Sort-Object
        $exported | Should -Be $compiled
        ($manifest.CmdletsToExport | Sort-Object) | Should -Be $compiled
    }

    It 'stamps the manifest version into its assemblies' {
        $dll = Join-Path (Get-RepoRoot) 'bin/SsmOnPrem.dll'
        [Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $manifest.ModuleVersion
    }

    It 'does not ship System.Management.Automation or put dependencies next to the cmdlets' {
        Get-ChildItem (Join-Path (Get-RepoRoot) 'bin') -Recurse -Filter 'System.Management.Automation*.dll' | Should -BeNullOrEmpty
        (Get-ChildItem (Join-Path (Get-RepoRoot) 'bin') -Filter '*.dll').Name | Should -Be @('SsmOnPrem.dll')
        Test-Path (Join-Path (Get-RepoRoot) 'bin/dependencies/Renci.SshNet.dll') | Should -BeTrue
    }

    It 'ships the .NET 8 builds of SSH.NET and BouncyCastle next to the netstandard2.0 ones, same versions' {
        foreach ($name in 'Renci.SshNet', 'BouncyCastle.Cryptography') {
            $standard = [Reflection.AssemblyName]::GetAssemblyName((Join-Path (Get-RepoRoot) "bin/dependencies/$name.dll"))
            $modern = [Reflection.AssemblyName]::GetAssemblyName((Join-Path (Get-RepoRoot) "bin/dependencies/net8.0/$name.dll"))
            $modern.Version | Should -Be $standard.Version -Because "$name must be the same package version in both builds"
        }
    }

    It 'loads the .NET 8 build of SSH.NET under PowerShell 7.4+ (the runtime''s crypto), isolated from the default context' {
        $null = ConvertFrom-SsmLicenseOutput -InputObject 'Smart Licensing is ENABLED' -ErrorAction SilentlyContinue
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'SsmOnPrem.Client' }
        $engine | Should -Not -BeNullOrEmpty
        # Any SSH.NET type makes the engine's load context load it: ConnectionInfo through the algorithm policy.
        $known = $engine.GetType('SsmOnPrem.Client.Devices.Ssh.SshAlgorithms').GetMethod('KnownBy', [Reflection.BindingFlags]'NonPublic, Static')
        $known.Invoke($null, @('aes128-ctr')) | Should -BeTrue
        $ssh = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Renci.SshNet' -and $_.Location -like "$(Get-RepoRoot)*" })
        $ssh.Count | Should -Be 1
        $expected = if ([Environment]::Version.Major -ge 8) { 'bin/dependencies/net8.0/Renci.SshNet.dll' } else { 'bin/dependencies/Renci.SshNet.dll' }
        $ssh[0].Location | Should -Be ([IO.Path]::GetFullPath((Join-Path (Get-RepoRoot) $expected)))
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ssh[0]) | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    }
}

Describe 'Format views' {
    It 'every object type a cmdlet declares in [OutputType] has a view (or is a plain .NET type)' {
        $viewed = ([xml](Get-Content (Join-Path (Get-RepoRoot) 'module/SsmOnPrem.format.ps1xml') -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        $declared = Get-Command -Module SsmOnPrem | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Type } |
            Where-Object { $_ -and $_.Namespace -like 'SsmOnPrem*' } | Select-Object -Unique
        $declared | Should -Not -BeNullOrEmpty
        # Types shown under a PSTypeName of their own (a class cannot be named Token and have a Token property).
        $aliases = @{ 'SsmOnPrem.RegistrationToken' = 'SsmOnPrem.Token' }
        foreach ($type in $declared) {
            ($viewed -contains $type.FullName) -or ($viewed -contains "SsmOnPrem.$($type.Name)") -or ($viewed -contains $aliases[$type.FullName]) |
                Should -BeTrue -Because "$($type.FullName) is a cmdlet output type"
        }
    }

    It 'the default table of each view fits a 120-column console' {
        $views = ([xml](Get-Content (Join-Path (Get-RepoRoot) 'module/SsmOnPrem.format.ps1xml') -Raw)).Configuration.ViewDefinitions.View
        foreach ($view in $views | Where-Object { $_.TableControl }) {
            $widths = @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { if ($_.Width) { [int]$_.Width } else { 0 } })
            # Fixed widths plus one space between columns; the last (unsized) column takes what is left.
            ($widths | Measure-Object -Sum).Sum + $widths.Count | Should -BeLessOrEqual 120 -Because $view.Name
        }
    }
}
