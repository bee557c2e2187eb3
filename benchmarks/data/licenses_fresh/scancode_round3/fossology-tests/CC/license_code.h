/**
 * @file    license.h
 * @brief   Documentation: WOSH Framework license
 ****************************************************************************
 * @author  Alessandro Polo
 * @version 0.8.527 $Id: license.h 3774 2011-01-01 16:37:15Z alex $
 ****************************************************************************/
/* Copyright (c) 2007-2011 Alessandro Polo
 * WOSH - Wide Open Smart Home - OpenSmartHome.com
 * All rights reserved.
 *
 * This file is part of WOSH. Redistribution and use in source and binary forms,
 * with or without modification, are permitted under the terms of the license
 * 'Creative Commons Attribution-NonCommercial 3.0' which can be found at
 * http://creativecommons.org/licenses/by-nc/3.0
 *
 * THIS SOFTWARE IS PROVIDED ''AS IS'' AND ANY EXPRESS OR IMPLIED WARRANTIES,
 * INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
 * AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL
 * THE REGENTS OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
 * SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
 * PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS;
 * OR BUSINESS INTERRUPTION). HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
 * WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
 * OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE,
 * EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 ****************************************************************************/


/*! \page page_license License
 *
 * \par Creator
 *  WOSH - "Wide Open Smart Home" is a project by \b "Alessandro Polo" [http://www.alessandropolo.name].
 *  Alessandro Polo is the project manager and main developer. The project officially started in 2007.
 *
 * \par Contributors
 *  - Alfred Lu - joined the project on summer 2010, as tester.
 *
 *
 * \par License link
 *  <a rel="license" href="http://creativecommons.org/licenses/by-nc-sa/3.0/">Creative Commons Attribution-Noncommercial-Share Alike 3.0</a>.
 *
 *  Refer to file <a href="../../LICENSE">/LICENSE</a> (prompt here).
 *
 * \verbatim
 Copyright (c) 2007-2011, WOSH - Wide Open Smart Home 
 by Alessandro Polo - OpenSmartHome.com
 All rights reserved.

 Redistribution and use in source and binary forms, with or without
 modification, are permitted provided that the following conditions are met:
     * Redistributions of source code must retain the above copyright
       notice, this list of conditions and the following disclaimer.
     * Redistributions in binary form must reproduce the above copyright
       notice, this list of conditions and the following disclaimer in the
       documentation and/or other materials provided with the distribution.
     * Neither the name of the OpenSmartHome.com WOSH nor the
       names of its contributors may be used to endorse or promote products
       derived from this software without specific prior written permission.

 THIS SOFTWARE IS PROVIDED BY Alessandro Polo ''AS IS'' AND ANY
 EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 DISCLAIMED. IN NO EVENT SHALL Alessandro Polo BE LIABLE FOR ANY
 DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
 (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
 LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
 ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
 (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
 SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

 This work is licensed under the Creative Commons Attribution-Noncommercial-Share Alike 3.0 Unported License.
 To view a copy of this license, visit http://creativecommons.org/licenses/by-nc-sa/3.0/
 or send a letter to Creative Commons, 171 Second Street, Suite 300, San Francisco, California, 94105, USA.

\endverbatim
 *
 *
 ****************************************************************************
 *
 */
