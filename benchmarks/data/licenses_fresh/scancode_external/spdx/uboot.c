If a "SPDX-License-Identifier:" line references more than one Unique
 * SPDX-License-Identifier: BSD-2-Clause
 * SPDX-License-Identifier:    BSD-3-Clause
 * SPDX-License-Identifier: BSD-3-Clause
 * SPDX-License-Identifier: BSD-3-Clause
 * SPDX-License-Identifier: eCos-2.0
  * SPDX-License-Identifier:    GPL-2.0+
 *  SPDX-License-Identifier:     GPL-2.0
 * SPDX-License-Identifier:        GPL-2.0+
 * SPDX-License-Identifier:      GPL-2.0+
 * SPDX-License-Identifier:     GPL-2.0
 * SPDX-License-Identifier:     GPL-2.0+
 * SPDX-License-Identifier:    GPL-2.0+
 * SPDX-License-Identifier: GPL-2.0
 * SPDX-License-Identifier: GPL-2.0+
 * SPDX-License-Identifier: GPL-2.0
 * SPDX-License-Identifier: GPL-2.0+
 * SPDX-License-Identifier: GPL-2.0+ 
 *  SPDX-License-Identifier:    GPL-2.0
# * SPDX-License-Identifier:    GPL-2.0+
# SPDX-License-Identifier:      GPL-2.0+
# SPDX-License-Identifier:     GPL-2.0+
# SPDX-License-Identifier:    GPL-2.0+
# SPDX-License-Identifier:  GPL-2.0+
# SPDX-License-Identifier: GPL-2.0
# SPDX-License-Identifier: GPL-2.0+
# SPDX-License-Identifier:  GPL-2.0
# SPDX-License-Identifier:  GPL-2.0+
+ * SPDX-License-Identifier:     GPL-2.0+
+ * SPDX-License-Identifier:    GPL-2.0+
    SPDX-License-Identifier:    GPL-2.0+
 * SPDX-License-Identifier: GPL-2.0+ BSD-2-Clause
 * SPDX-License-Identifier: GPL-2.0+    BSD-2-Clause
 * SPDX-License-Identifier: GPL-2.0+    BSD-3-Clause
    SPDX-License-Identifier:    GPL-2.0+    BSD-3-Clause
 * SPDX-License-Identifier: GPL-2.0 IBM-pibs
# SPDX-License-Identifier:  ISC
 * SPDX-License-Identifier: LGPL-2.0+
 * SPDX-License-Identifier: LGPL-2.1+
