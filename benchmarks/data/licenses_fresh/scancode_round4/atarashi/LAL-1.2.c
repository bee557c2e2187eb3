


/* SPDX-License-Identifier: LAL-1.2 */
/*
Licence Art Libre

[ Copyleft Attitude ]

Version 1.2

Préambule
:

Avec cette Licence Art Libre, l'autorisation est donnée de copier,
de diffuser et de transformer librement les oeuvres dans le respect
des droits de l'auteur.

Loin d'ignorer les droits de l'auteur, cette
licence les reconnaît et les protège. Elle en reformule le principe
en permettant au public de faire un usage créatif des oeuvres
d'art.

Alors que l'usage fait du droit de la propriété littéraire
et artistique conduit à restreindre l'accès du public à l'oeuvre,
la Licence Art Libre a pour but de le favoriser.

L'intention est
d'ouvrir l'accès et d'autoriser l'utilisation des ressources d'une
oeuvre par le plus grand nombre. En avoir jouissance pour en
multiplier les réjouissances, créer de nouvelles conditions de
création pour amplifier les possibilités de création. Dans le
respect des auteurs avec la reconnaissance et la défense de leur
droit moral.

En effet, avec la venue du numérique, l'invention de
l'internet et des logiciels libres, un nouveau mode de création et de
production est apparu. Il est aussi l'amplification de ce qui a été
expérimenté par nombre d'artistes contemporains.

Le savoir et la
création sont des ressources qui doivent demeurer libres pour être
encore véritablement du savoir et de la création. C'est à dire
rester une recherche fondamentale qui ne soit pas directement liée à
une application concrète. Créer c'est découvrir l'inconnu, c'est
inventer le réel avant tout souci de réalisme.

Ainsi, l'objet de
l'art n'est pas confondu avec l'objet d'art fini et défini comme
tel.

C'est la raison essentielle de cette Licence Art Libre :
promouvoir et protéger des pratiques artistiques libérées des
seules règles de l'économie de marché.

DÉFINITIONS

– L'oeuvre
:

il s'agit d'une oeuvre commune qui comprend l'oeuvre originelle
ainsi que toutes les contributions postérieures (les originaux
conséquents et les copies). Elle est créée à l'initiative de
l'auteur originel qui par cette licence définit les conditions selon
lesquelles les contributions sont faites.

– L'oeuvre originelle
:

c'est-à-dire l'oeuvre créée par l'initiateur de l'oeuvre commune
dont les copies vont être modifiées par qui le souhaite.

– Les
oeuvres conséquentes :

c'est-à-dire les propositions des auteurs
qui contribuent à la formation de l'oeuvre en faisant usage des
droits de reproduction, de diffusion et de modification que leur
confère la licence.

– Original (source ou ressource de l'oeuvre)
:

exemplaire daté de l'oeuvre, de sa définition, de sa partition ou
de son programme que l'auteur présente comme référence pour toutes
actualisations, interprétations, copies ou reproductions
ultérieures.

– Copie :

toute reproduction d'un original au sens
de cette licence.

– Auteur de l'oeuvre originelle :

c'est la
personne qui a créé l'oeuvre à l'origine d'une arborescence de
cette oeuvre modifiée. Par cette licence, l'auteur détermine les
conditions dans lesquelles ce travail se fait.

– Contributeur
:

toute personne qui contribue à la création de l'oeuvre. Il est
l'auteur d'une oeuvre originale résultant de la modification d'une
copie de l'oeuvre originelle ou de la modification d'une copie d'une
oeuvre conséquente.

   1. OBJET

   Cette licence a pour objet de
définir les conditions selon lesquelles vous pouvez jouir librement
de cette oeuvre.

   2. L'ÉTENDUE DE LA JOUISSANCE

   Cette oeuvre
est soumise au droit d'auteur, et l'auteur par cette licence vous
indique quelles sont vos libertés pour la copier, la diffuser et la
modifier:

   2.1 LA LIBERTÉ DE COPIER (OU DE REPRODUCTION)

   Vous
avez la liberté de copier cette oeuvre pour un usage personnel, pour
vos amis, ou toute autre personne et quelque soit la technique
employée.

   2.2 LA LIBERTÉ DE DIFFUSER, D'INTERPRÉTER (OU DE
REPRÉSENTATION)

   Vous pouvez diffuser librement les copies de ces
oeuvres, modifiées ou non, quel que soit le support, quel que soit le
lieu, à titre onéreux ou gratuit si vous respectez toutes les
conditions suivantes:

   – joindre aux copies, cette licence à
l'identique, ou indiquer précisément où se trouve la licence,


– indiquer au destinataire le nom de l'auteur des originaux,

   –
indiquer au destinataire où il pourra avoir accès aux originaux


(originels et/ou conséquents). L'auteur de l'original pourra, s'il le
souhaite, vous autoriser à diffuser l'original dans les mêmes
conditions que les copies.

   2.3 LA LIBERTÉ DE MODIFIER

   Vous
avez la liberté de modifier les copies des originaux (originels et
conséquents), qui peuvent être partielles ou non, dans le respect
des conditions prévues à l'article 2.2 en cas de diffusion (ou
représentation) de la copie modifiée. L'auteur de l'original pourra,
s'il le souhaite, vous autoriser à modifier l'original dans les
mêmes conditions que les copies.

   3. L'INCORPORATION DE L'OEUVRE


  Tous les éléments de cette oeuvre doivent demeurer libres, c'est
pourquoi il ne vous est pas permis d'intégrer les originaux
(originels et conséquents) dans une autre oeuvre qui ne serait pas
soumise à cette licence.

   4. VOS DROITS D'AUTEUR

   Cette licence
n'a pas pour objet de nier vos droits d'auteur sur votre contribution.
En choisissant de contribuer à l'évolution de cette oeuvre, vous
acceptez seulement d'offrir aux autres les mêmes droits sur votre
contribution que ceux qui vous ont été accordés par cette
licence.

   5. LA DURÉE DE LA LICENCE

   Cette licence prend effet
dès votre acceptation de ses dispositions. Le fait de copier, de
diffuser, ou de modifier l'oeuvre constitue une acception tacite.


Cette licence a pour durée la durée des droits d'auteur attachés à
l'oeuvre.

   Si vous ne respectez pas les termes de cette licence,
vous perdez automatiquement les droits qu'elle vous confère.

   Si
le régime juridique auquel vous êtes soumis ne vous permet pas de
respecter les termes de cette licence, vous ne pouvez pas vous
prévaloir des libertés qu'elle confère.

   6. LES DIFFÉRENTES
VERSIONS DE LA LICENCE

   Cette licence pourra être modifiée
régulièrement, en vue de son amélioration, par ses auteurs (les
acteurs du mouvement « copyleft attitude ») sous la forme de
nouvelles versions numérotées.

   Vous avez toujours le choix entre
vous contenter des dispositions contenues dans la version sous
laquelle la copie vous a été communiquée ou alors, vous prévaloir
des dispositions d'une des versions ultérieures.

   7. LES
SOUS-LICENCES

   Les sous licences ne sont pas autorisées par la
présente. Toute personne qui souhaite bénéficier des libertés
qu'elle confère sera liée directement à l'auteur de l'oeuvre
originelle.

   8. LA LOI APPLICABLE AU CONTRAT

Cette licence est
soumise au droit français.
*/

/*
** Fake code so we have something.
*/
#include <nothing.h>


int
noop_fun(int arg1)
{
	short retval;

	recalculatearg(&arg1);

	switch (arg1)
	{
		case 0:
			if (arg1) {
					retval = 1;
			} else {
			retval = 2;
			}
		case 1:
			retval = 2;
		case 2:
			retval = morpharg(arg1);
		case 3:
			if (arg1) {
				retval = 6;
			} else {
				retval = 7;
			}
		case 4:
			retval = upscalearg(arg1);
		default:
			retval = 0;
	}

	return retval;
}

