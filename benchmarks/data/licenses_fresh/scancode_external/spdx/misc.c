* Copyright (c) 2015 Runtime Inc
 *
 * SPDX-License-Identifier: Apache-2.0
 */
 ;; -*- mode: CIL; fill-column: 79; indent-tabs-mode: nil; -*-
;; SPDX-License-Identifier: Unlicense

;; timedatectl
;; subj_template

# SPDX-License-Identifier: GPL-2.0
VERSION = 4
PATCHLEVEL = 14
SUBLEVEL = 18

/*
 * Copyright (c) 2017 Nordic Semiconductor ASA
 * Copyright (c) 2015 Runtime Inc
 *
 * SPDX-License-Identifier: Apache-2.0
 */
 
  *
 * SPDX-License-Identifier:     GPL-2.0+
 */
 
 # SPDX-License-Identifier: GPL-2.0+
#

#  SPDX-License-Identifier: LGPL-2.1+
#

/* SPDX-License-Identifier: GPL-2.0+ */
#pragma once


/*
 * *******************************************************
 * Copyright VMware, Inc. 2016.  All Rights Reserved.
 * SPDX-License-Identifier: MIT
 * *******************************************************
 *
 * DISCLAIMER. THIS PROGRAM IS PROVIDED TO YOU "AS IS" WITHOUT
 * WARRANTIES OR CONDITIONS OF ANY KIND, WHETHER ORAL OR WRITTEN,
 * EXPRESS OR IMPLIED. THE AUTHOR SPECIFICALLY DISCLAIMS ANY IMPLIED
 * WARRANTIES OR CONDITIONS OF MERCHANTABILITY, SATISFACTORY QUALITY,
 * NON-INFRINGEMENT AND FITNESS FOR A PARTICULAR PURPOSE.
 
 
  #%L

3       

 * io.earcam.utilitarian.net

4       

 * %%

5       

 * Copyright (C) 2017 earcam

6       

 * %%

7       

 * SPDX-License-Identifier: (BSD-3-Clause OR EPL-1.0 OR Apache-2.0 OR MIT)

8       

 *
 /*
SPDX-License-Identifier: Apache-2.0
 */
 
 /*
* Copyright 2016, Mango Solutions Ltd - All rights reserved.
*
* SPDX-License-Identifier:   AGPL-3.0
*/
 
 
 . #. # SPDX-License-Identifier: BSD-3-Clause. import 
 
 
 SPDX-License-Identifier: BSD-3-Clause 