// *************************************************************************************************
//
// Horde3D
//   Next-Generation Graphics Engine
// --------------------------------------
// Copyright (C) 2006-2011 Nicolas Schulz
//
// This software is distributed under the terms of the Eclipse Public License v1.0.
// A copy of the license may be obtained at: http://www.eclipse.org/legal/epl-v10.html
//
// *************************************************************************************************

#ifndef _egPrerequisites_H_
#define _egPrerequisites_H_

#include "utPlatform.h"
#include "config.h"


namespace Horde3D {

typedef int ResHandle;
typedef int NodeHandle;

}
#endif // _egPrerequisites_H_
