// Leeway's benchmark (see ../shared/bench/README.md for the workload and targets).
// Run: swift run -c release leeway-bench DIR   (DIR from make_workload.py)
import Foundation
FileHandle.standardError.write(Data("leeway-bench: not yet implemented\n".utf8))
exit(2)
