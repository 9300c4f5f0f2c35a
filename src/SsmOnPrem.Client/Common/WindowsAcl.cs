using System;
using System.IO;
using System.Linq;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Windows: gives a file a protected ACL that grants the current user full control and nobody else anything
    /// (SDDL "D:P(A;;FA;;;SID)"). The engine targets netstandard2.0, which has no ACL API, so the runtime's own types are
    /// found by name: File.SetAccessControl on .NET Framework, FileSystemAclExtensions on .NET (PowerShell 7).
    /// </summary>
    internal static class WindowsAcl
    {
        public static void RestrictToCurrentUser(string fullPath)
        {
            var identityType = Find("System.Security.Principal.WindowsIdentity", "System.Security.Principal.Windows", "mscorlib");
            var securityType = Find("System.Security.AccessControl.FileSecurity", "System.IO.FileSystem.AccessControl", "mscorlib");
            if (identityType == null || securityType == null) throw new InvalidOperationException("No Windows ACL types in this runtime.");

            var identity = identityType.GetMethod("GetCurrent", Type.EmptyTypes).Invoke(null, null);
            var user = identityType.GetProperty("User").GetValue(identity);
            var sid = (string)user.GetType().GetProperty("Value").GetValue(user);

            var security = Activator.CreateInstance(securityType);
            var setSddl = securityType.GetMethods().First(m => m.Name == "SetSecurityDescriptorSddlForm" && m.GetParameters().Length == 2);
            var sections = Enum.ToObject(setSddl.GetParameters()[1].ParameterType, 2); // AccessControlSections.Access
            setSddl.Invoke(security, new[] { $"D:P(A;;FA;;;{sid})", sections });

            var onFramework = typeof(File).GetMethod("SetAccessControl", new[] { typeof(string), securityType });
            if (onFramework != null) { onFramework.Invoke(null, new object[] { fullPath, security }); return; }
            var extensions = Find("System.IO.FileSystemAclExtensions", "System.IO.FileSystem.AccessControl", null);
            var onCore = extensions?.GetMethod("SetAccessControl", new[] { typeof(FileInfo), securityType });
            if (onCore == null) throw new InvalidOperationException("No way to set a file's ACL in this runtime.");
            onCore.Invoke(null, new object[] { new FileInfo(fullPath), security });
        }

        private static Type Find(string name, string coreAssembly, string frameworkAssembly) =>
            Type.GetType(name + ", " + coreAssembly, throwOnError: false)
            ?? (frameworkAssembly == null ? null : Type.GetType(name + ", " + frameworkAssembly, throwOnError: false));
    }
}
