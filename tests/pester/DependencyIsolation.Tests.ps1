# Another module may already have loaded its own SSH.NET (Posh-SSH does). Ours must still be the one our engine uses.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $fakeDir = Join-Path ([IO.Path]::GetTempPath()) ("ssm-fake-" + [guid]::NewGuid())
    New-Item -ItemType Directory $fakeDir | Out-Null
    $fake = Join-Path $fakeDir 'Renci.SshNet.dll'
    # A different assembly with the same name and another version, as another module would ship.
    Add-Type -OutputAssembly $fake -OutputType Library -TypeDefinition @'
[assembly: System.Reflection.AssemblyVersion("1.0.0.0")]
namespace Renci.SshNet { public class SshClient { public string Fake = "not the real SSH.NET"; } }
'@
}

AfterAll { Remove-Item $fakeDir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Dependency isolation on PowerShell 7' {
    It 'uses its own SSH.NET when another Renci.SshNet is already loaded' {
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$fake'
'default:' + ([Renci.SshNet.SshClient].Assembly.GetName().Version)
Import-Module '$(Get-ModuleManifestPath)'
`$status = Get-Content '$(Get-FixturePath 'device-outputs/iosxe16_show-license-status_registered.txt')' | ConvertFrom-SsmLicenseOutput
'status:' + `$status.RegistrationStatus
`$engine = `$status.GetType().Assembly
`$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine)
'engine-context:' + (`$context -ne [System.Runtime.Loader.AssemblyLoadContext]::Default)
`$ssh = `$context.LoadFromAssemblyName([Reflection.AssemblyName]'Renci.SshNet')
'engine-ssh:' + `$ssh.GetName().Version.Major
'engine-ssh-real:' + (`$null -ne `$ssh.GetType('Renci.SshNet.ConnectionInfo'))
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Output | Should -Contain 'default:1.0.0.0'
        $result.Output | Should -Contain 'status:Registered'
        $result.Output | Should -Contain 'engine-context:True'
        $result.Output | Should -Contain 'engine-ssh:2026'
        $result.Output | Should -Contain 'engine-ssh-real:True'
    }
}

Describe 'Dependency isolation for the SSH code path' {
    It 'opens SSH connections with its own SSH.NET when another Renci.SshNet was loaded first' {
        # A closed loopback port: reaching DeviceConnectionRefused proves SSH.NET's SshClient really ran (a type-load
        # failure or the fake's missing members would surface as another error).
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $result = Invoke-FreshPwsh @"
Add-Type -Path '$fake'
'default:' + ([Renci.SshNet.SshClient].Assembly.GetName().Version)
Import-Module '$(Get-ModuleManifestPath)'
`$cred = [pscredential]::new('admin', (ConvertTo-SecureString 'not-used-here' -AsPlainText -Force))
try { New-SsmDeviceSession -ComputerName 127.0.0.1 -Port $port -Credential `$cred -TimeoutSec 10 -ErrorAction Stop }
catch { 'error:' + `$_.FullyQualifiedErrorId; 'inner:' + `$_.Exception.InnerException.GetType().FullName }
"@
        $result.Output | Should -Contain 'default:1.0.0.0'
        $result.Output | Should -Contain 'error:DeviceConnectionRefused,SsmOnPrem.Commands.NewSsmDeviceSessionCommand' -Because $result.Text
        $result.Output | Should -Contain 'inner:System.Net.Sockets.SocketException'
    }
}
