@{
    RootModule        = 'SsmOnPrem.Lab.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '5b0f6a8e-3c2d-4f7e-9a51-7c1e2d4b8f60'
    Author            = 'SsmOnPrem contributors'
    Description       = 'Test lab for SsmOnPrem (never shipped): an emulated SSM On-Prem server and emulated Cisco devices behind a real OpenSSH sshd on loopback.'
    PowerShellVersion = '7.2'
    FunctionsToExport = @('Start-SsmLab', 'Stop-SsmLab', 'Set-SsmLabDevice', 'Reset-SsmLab', 'Get-SsmLab')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
