BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestPath = Get-ModuleManifestPath
    $manifest = Import-PowerShellDataFile $manifestPath
    $module = Import-Module $manifestPath -Force -PassThru
    # The folder name the module's resolver looks for on this runtime and platform (net10.0-linux-x64, ...).
    function Get-ReadyToRunPlatform {
        $module.ImplementingAssembly.GetType('SsmOnPrem.Commands.Infrastructure.DependencyLoadContext').
            GetMethod('ReadyToRunPlatform', [Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @())
    }
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
        $expected = if (Test-Path (Join-Path (Get-RepoRoot) "bin/dependencies/readytorun/$(Get-ReadyToRunPlatform)")) { "bin/dependencies/readytorun/$(Get-ReadyToRunPlatform)/Renci.SshNet.dll" }
                    elseif ([Environment]::Version.Major -ge 8) { 'bin/dependencies/net8.0/Renci.SshNet.dll' } else { 'bin/dependencies/Renci.SshNet.dll' }
        $ssh[0].Location | Should -Be ([IO.Path]::GetFullPath((Join-Path (Get-RepoRoot) $expected)))
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ssh[0]) | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    }

    It 'ships the engine and SSH.NET compiled ReadyToRun for PowerShell 7.6 on <Platform>: the same assemblies, native code for that platform' -TestCases @(
        @{ Platform = 'net10.0-win-x64'; Machine = 0x8664 }            # AMD64
        @{ Platform = 'net10.0-linux-x64'; Machine = 0x8664 -bxor 0x7B79 } # AMD64 marked Linux, as crossgen2 writes it
    ) {
        param($Platform, $Machine)
        $pairs = @{ 'SsmOnPrem.Client.dll' = 'bin/dependencies/SsmOnPrem.Client.dll'; 'Renci.SshNet.dll' = 'bin/dependencies/net8.0/Renci.SshNet.dll' }
        foreach ($name in $pairs.Keys) {
            $image = Join-Path (Get-RepoRoot) "bin/dependencies/readytorun/$Platform/$name"
            $il = Join-Path (Get-RepoRoot) $pairs[$name]
            [Reflection.AssemblyName]::GetAssemblyName($image).FullName | Should -Be ([Reflection.AssemblyName]::GetAssemblyName($il).FullName)
            $stream = [IO.File]::OpenRead($image)
            try {
                $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
                $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0 -Because "$name for $Platform must carry ReadyToRun code"
                [int]$pe.PEHeaders.CoffHeader.Machine | Should -Be $Machine
                # The same IL: the module's metadata version id (MVID) is the IL build's.
                $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                $mvid = $reader.GetGuid($reader.GetModuleDefinition().Mvid)
            }
            finally { $stream.Dispose() }
            $ilStream = [IO.File]::OpenRead($il)
            try {
                $ilReader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($ilStream))
                $mvid | Should -Be $ilReader.GetGuid($ilReader.GetModuleDefinition().Mvid)
            }
            finally { $ilStream.Dispose() }
        }
    }

    It 'runs the engine''s ReadyToRun code on this runtime instead of JIT-compiling it' {
        if (-not (Test-Path (Join-Path (Get-RepoRoot) "bin/dependencies/readytorun/$(Get-ReadyToRunPlatform)"))) {
            Set-ItResult -Skipped -Because "the build makes no ReadyToRun images for $(Get-ReadyToRunPlatform) (only net10.0 on win-x64 and linux-x64)"
            return
        }
        # The runtime lists every method it JIT-compiles (DOTNET_JitStdOutFile, .NET 7+). With the images in use, no
        # engine method is compiled at Tier0 (only hot ones are recompiled later, at Tier1); with plain IL, parsing
        # one 'show license status' compiles ~165 of them.
        $list = Join-Path $TestDrive 'jit.txt'
        $fixture = Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/fixtures/device-outputs') -Filter '*show-license-status*' | Select-Object -First 1
        $probe = "Import-Module '$(Join-Path (Get-RepoRoot) 'SsmOnPrem.psd1')'; `$null = ConvertFrom-SsmLicenseOutput -InputObject ([IO.File]::ReadAllText('$($fixture.FullName)'))"
        $env:DOTNET_JitDisasmSummary = '1'; $env:DOTNET_JitStdOutFile = $list
        try { & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $probe }
        finally { Remove-Item Env:DOTNET_JitDisasmSummary, Env:DOTNET_JitStdOutFile }
        $compiled = @(Get-Content $list | Where-Object { $_ -match 'JIT compiled SsmOnPrem\.Client\.' })
        @(Get-Content $list).Count | Should -BeGreaterThan 100 -Because 'the runtime wrote its list (the engine aside, PowerShell compiles hundreds of methods)'
        @($compiled | Where-Object { $_ -match '\[(Instrumented )?Tier0' }).Count | Should -BeLessThan 10
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
